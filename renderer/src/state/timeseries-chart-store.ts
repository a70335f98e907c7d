/**
 * The time-series chart below the map: which job it shows (its progress while it runs, then its
 * result), the statistic drawn, and the scene last picked from it.
 */
import { create } from 'zustand';
import type { TimeseriesStatistic } from '../../../electron/service/api/contract';

/** The statistics a chart can draw (valid_pixels and cloud_fraction are shown on hover instead). */
export type ChartStatistic = Extract<TimeseriesStatistic, 'mean' | 'median' | 'min' | 'max' | 'p10' | 'p90'>;

interface TimeseriesChartState {
  jobId: string | null;
  statistic: ChartStatistic;
  pickedSceneId: string | null;
}

const useChartStore = create<TimeseriesChartState>()(() => ({ jobId: null, statistic: 'mean', pickedSceneId: null }));

export function timeseriesChartOpened(jobId: string): void {
  useChartStore.setState({ jobId, pickedSceneId: null });
}

export function timeseriesChartClosed(): void {
  useChartStore.setState({ jobId: null, pickedSceneId: null });
}

export function chartStatisticChosen(statistic: ChartStatistic): void {
  useChartStore.setState({ statistic });
}

export function chartPointPicked(sceneId: string): void {
  useChartStore.setState({ pickedSceneId: sceneId });
}

export const useChartJobId = () => useChartStore((s) => s.jobId);
export const useChartStatistic = () => useChartStore((s) => s.statistic);
export const usePickedSceneId = () => useChartStore((s) => s.pickedSceneId);
