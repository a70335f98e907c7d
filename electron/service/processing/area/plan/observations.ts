/**
 * Scenes → observations → time-series entries. Observations: platform + solar day, as odc-stac's
 * `groupby="solar_day"` (workers/lib/cube/solar-day.ts), scenes in (datetime, id) order so the
 * first valid wins deterministically. Entries: one per observation (`day`), or per calendar week
 * or month and source (`week`, `month`: the period's observations of one source reduced per pixel
 * before the area's statistics). Pure.
 */
import { periodOf, type PeriodKind } from '../../../../../workers/lib/cube/periods';
import { groupBySolarDay } from '../../../../../workers/lib/cube/solar-day';
import { KNOWN_SOURCE_IDS } from '../../../search/scoped-id';
import type { TimeseriesPeriod } from '../../../jobs/area-job-types';
import type { PlannedObservation, PlannedSeriesEntry } from './area-plan';
import type { AreaSceneSurvey } from './survey-area-scene';

export function observationsOf(surveys: readonly AreaSceneSurvey[]): PlannedObservation[] {
  return groupBySolarDay(surveys).map((group) => ({
    label: group.label,
    platform: group.platform,
    source: group.scenes[0].source,
    datetime: group.datetime,
    scenes: group.scenes.map((scene) => scene.id),
  }));
}

export function seriesOf(observations: readonly PlannedObservation[], period: TimeseriesPeriod): PlannedSeriesEntry[] {
  if (period === 'day') {
    return observations.map((o, k) => ({ observations: [k], datetime: o.datetime, source: o.source, platform: o.platform, period: null }));
  }
  const buckets = new Map<string, { start: string; source: number; entry: PlannedSeriesEntry; platforms: Set<string> }>();
  observations.forEach((o, k) => {
    const p = periodOf(period as PeriodKind, o.label);
    const key = `${p.start}\n${o.source}`;
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = {
        start: p.start,
        source: KNOWN_SOURCE_IDS.indexOf(o.source),
        platforms: new Set(),
        entry: { observations: [], datetime: `${p.start}T00:00:00.000Z`, source: o.source, platform: '', period: { label: p.label, start: p.start, end: p.end } },
      };
      buckets.set(key, bucket);
    }
    bucket.entry.observations.push(k);
    bucket.platforms.add(o.platform);
  });
  return [...buckets.values()]
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.source - b.source))
    .map((b) => ({ ...b.entry, platform: [...b.platforms].sort().join('+') }));
}
