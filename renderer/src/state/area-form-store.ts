/**
 * The fields of the two area forms of the Processing tab — a composite or period change over the
 * drawn area, and a time series at a point or over the area — kept here so they survive switching
 * tabs. Both share what is computed per observation and which scenes count.
 */
import { create } from 'zustand';
import type { CompositeReducer, IndexName, SourceId, TimeseriesPeriod } from '../../../electron/service/api/contract';
import { quickPeriods, type DayRange } from '../area/quick-periods';

/** What each observation gives: true colour (red, green, blue), a named index, an expression, or one band. */
export type VariableMode = 'rgb' | 'index' | 'expression' | 'band';

export interface VariableChoice {
  mode: VariableMode;
  index: IndexName;
  expression: string;
  band: string;
}

/** Which scenes and pixels count. */
export interface SceneFilter {
  cloud: number;
  sources: SourceId[];
  maskClouds: boolean;
  harmonize: boolean;
}

export interface AreaJobForm extends SceneFilter {
  kind: 'composite' | 'change';
  period: DayRange;
  before: DayRange;
  after: DayRange;
  variable: VariableChoice;
  reducer: CompositeReducer;
  validCount: boolean;
  threshold: number;
}

export interface TimeseriesForm extends SceneFilter {
  target: 'point' | 'aoi';
  period: DayRange;
  step: TimeseriesPeriod;
  variable: VariableChoice;
}

const range = (id: string): DayRange => {
  const found = quickPeriods().find((p) => p.id === id);
  return found ? { start: found.start, end: found.end } : { start: '', end: '' };
};

const filter = (): SceneFilter => ({ cloud: 60, sources: ['sentinel-2', 'landsat'], maskClouds: true, harmonize: true });
const ndvi: VariableChoice = { mode: 'index', index: 'ndvi', expression: '(nir - red) / (nir + red)', band: 'red' };

const useAreaFormStore = create<{ area: AreaJobForm; timeseries: TimeseriesForm }>()(() => ({
  area: {
    ...filter(),
    kind: 'composite',
    period: range('last-3-months'),
    before: range('summer-before'),
    after: range('last-summer'),
    variable: { ...ndvi },
    reducer: 'median',
    validCount: false,
    threshold: 0.2,
  },
  timeseries: { ...filter(), target: 'aoi', period: range('last-12-months'), step: 'day', variable: { ...ndvi } },
}));

export function areaFormEdited(patch: Partial<AreaJobForm>): void {
  useAreaFormStore.setState((s) => ({ area: { ...s.area, ...patch } }));
}

export function timeseriesFormEdited(patch: Partial<TimeseriesForm>): void {
  useAreaFormStore.setState((s) => ({ timeseries: { ...s.timeseries, ...patch } }));
}

export const useAreaJobForm = () => useAreaFormStore((s) => s.area);
export const useTimeseriesForm = () => useAreaFormStore((s) => s.timeseries);
