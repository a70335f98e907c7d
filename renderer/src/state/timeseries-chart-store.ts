/** The time-series chart below the map: which job it shows (its progress while it runs, then its result) and the statistic drawn. */
import { create } from 'zustand';
import type { TimeseriesStatistic } from '../../../electron/service/api/contract';

/** The statistics a chart can draw (valid_pixels and cloud_fraction are shown on hover instead). */
export type ChartStatistic = Extract<TimeseriesStatistic, 'mean' | 'median' | 'min' | 'max' | 'p10' | 'p90'>;

interface TimeseriesChartState {
  jobId: string | null;
  statistic: ChartStatistic;
}

const useChartStore = create<TimeseriesChartState>()(() => ({ jobId: null, statistic: 'mean' }));

export function timeseriesChartOpened(jobId: string): void {
  useChartStore.setState({ jobId });
}

export function timeseriesChartClosed(): void {
  useChartStore.setState({ jobId: null });
}

export function chartStatisticChosen(statistic: ChartStatistic): void {
  useChartStore.setState({ statistic });
}

export const useChartJobId = () => useChartStore((s) => s.jobId);
export const useChartStatistic = () => useChartStore((s) => s.statistic);
