/** Processing and offline jobs as the service last reported them, newest first. */
import { create } from 'zustand';
import type { Job } from '../../../electron/service/api/contract';

interface JobsState {
  jobs: Job[];
  loaded: boolean;
  error: string | null;
}

const useJobsStore = create<JobsState>()(() => ({ jobs: [], loaded: false, error: null }));

const newestFirst = (a: Job, b: Job) => b.created_at.localeCompare(a.created_at);

/** The list answer wins for the jobs it names; jobs it does not name (just submitted) are kept. */
export function jobsListed(jobs: Job[]): void {
  useJobsStore.setState((s) => {
    const listed = new Set(jobs.map((j) => j.id));
    const kept = s.jobs.filter((j) => !listed.has(j.id));
    return { jobs: [...jobs, ...kept].sort(newestFirst), loaded: true, error: null };
  });
}

export function jobsListFailed(error: string): void {
  useJobsStore.setState({ error, loaded: true });
}

export function jobUpdated(job: Job): void {
  useJobsStore.setState((s) => {
    const others = s.jobs.filter((j) => j.id !== job.id);
    return { jobs: [...others, job].sort(newestFirst) };
  });
}

export const getJobs = (): Job[] => useJobsStore.getState().jobs;
export const useJobs = () => useJobsStore((s) => s.jobs);
export const useJob = (id: string | null) => useJobsStore((s) => (id ? s.jobs.find((j) => j.id === id) : undefined));
export const useJobsError = () => useJobsStore((s) => s.error);
export const useHasActiveJobs = () => useJobsStore((s) => s.jobs.some((j) => j.status === 'queued' || j.status === 'running'));
