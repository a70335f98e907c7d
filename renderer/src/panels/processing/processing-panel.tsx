/**
 * Processing: start a job — on one scene, over the drawn area for a period (composite, period
 * change), or as a time series — follow the jobs, and manage the raster layers on the map.
 */
import { processingFormChosen, useProcessingForm, type ProcessingForm } from '../../state/inspector-store';
import { useJobs, useJobsError } from '../../state/jobs-store';
import { AreaJobFormView } from '../area/area-job-form';
import { TimeseriesFormView } from '../timeseries/timeseries-form';
import { JobForm } from './job-form';
import { JobRow } from './job-row';
import { OverlayList } from './overlay-list';

const FORMS: Array<{ id: ProcessingForm; label: string; title: string }> = [
  { id: 'scene', label: 'One scene', title: 'NDVI, an index, an expression or change between two scenes' },
  { id: 'area', label: 'Area · period', title: 'Cloud-free composite or change between two periods over the drawn area' },
  { id: 'timeseries', label: 'Time series', title: 'A value through time at a point or over the drawn area' },
];

export function ProcessingPanel() {
  const jobs = useJobs();
  const error = useJobsError();
  const form = useProcessingForm();
  return (
    <section className="processing-panel" aria-label="Processing">
      <div className="form-switch" role="tablist" aria-label="What to process">
        {FORMS.map((f) => (
          <button key={f.id} type="button" role="tab" aria-selected={form === f.id} className={form === f.id ? 'active' : ''} data-testid={`processing-form-${f.id}`} title={f.title} onClick={() => processingFormChosen(f.id)}>
            {f.label}
          </button>
        ))}
      </div>
      {form === 'scene' && <JobForm />}
      {form === 'area' && <AreaJobFormView />}
      {form === 'timeseries' && <TimeseriesFormView />}
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
