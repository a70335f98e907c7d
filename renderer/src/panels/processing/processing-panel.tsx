/** Processing: start a job, follow the jobs, and manage the raster layers on the map. */
import { useJobs, useJobsError } from '../../state/jobs-store';
import { JobForm } from './job-form';
import { JobRow } from './job-row';
import { OverlayList } from './overlay-list';

export function ProcessingPanel() {
  const jobs = useJobs();
  const error = useJobsError();
  return (
    <section className="processing-panel" aria-label="Processing">
      <JobForm />
      <h3>Map layers</h3>
      <OverlayList />
      <h3>Jobs</h3>
      {error && (
        <p className="error-text" role="alert" data-testid="jobs-error">
          Jobs unavailable: {error}
        </p>
      )}
      {jobs.length === 0 && !error && <p className="panel-empty">No jobs yet.</p>}
      <ul className="jobs" data-testid="jobs-list">
        {jobs.map((job) => (
          <JobRow key={job.id} job={job} />
        ))}
      </ul>
    </section>
  );
}
