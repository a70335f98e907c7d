/**
 * The search form: date range, cloud-cover limit, sources, and the area (the AOI, else the map
 * view). Field problems are shown beside the field, from local checks first and then from the
 * service's 400 `parameter`.
 */
import { useState, type FormEvent } from 'react';
import { useApiClient } from '../../app-services';
import { submitSearch } from '../../search/search-actions';
import { fieldOfParameter, validateSearch, type SearchErrors } from '../../search/search-validation';
import { searchArea, useAoi, useViewBbox } from '../../state/map-area-store';
import { useResultsStatus, useSearchFailure } from '../../state/results-store';
import { useSearchForm } from '../../state/search-form-store';
import { formatBbox } from '../../util/format';
import { CloudSlider } from './cloud-slider';
import { DateRangeFields } from './date-range-fields';
import { SourceCheckboxes } from './source-checkboxes';

export function SearchForm() {
  const client = useApiClient();
  const form = useSearchForm();
  const aoi = useAoi();
  const view = useViewBbox();
  const status = useResultsStatus();
  const failure = useSearchFailure();
  const [submitted, setSubmitted] = useState(false);
  const area = searchArea({ aoi, view });

  const local = validateSearch(form, area);
  const shown: SearchErrors = { ...local };
  // The area is only complained about once a search was attempted.
  if (!submitted) delete shown.bbox;
  const serverField = status === 'failed' ? fieldOfParameter(failure?.parameter) : null;
  if (serverField && failure && !shown[serverField]) shown[serverField] = failure.message;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    submitSearch(client);
  };

  const busy = status === 'searching';
  const invalid = Object.keys(local).length > 0;
  return (
    <form className="search-form" onSubmit={onSubmit} noValidate aria-label="Search">
      <DateRangeFields start={form.start} end={form.end} error={shown.datetime} />
      <CloudSlider value={form.cloud} error={shown.cloud} />
      <SourceCheckboxes selected={form.sources} error={shown.sources} />
      <div className="search-area" data-testid="search-area">
        <span className="field-label">Area</span>
        <span className={aoi ? 'area-aoi' : 'area-view'}>{area ? `${aoi ? 'AOI' : 'Map view'} ${formatBbox(area)}` : 'waiting for the map…'}</span>
        {shown.bbox && (
          <p className="field-error" role="alert" data-testid="error-bbox">
            {shown.bbox}
          </p>
        )}
      </div>
      <div className="search-actions">
        <button type="submit" className="primary" data-testid="search-submit" disabled={busy} aria-describedby={invalid ? 'search-invalid' : undefined}>
          {busy ? 'Searching…' : 'Search'}
        </button>
        {invalid && submitted && (
          <span id="search-invalid" className="field-error">
            Fix the fields marked above.
          </span>
        )}
      </div>
    </form>
  );
}
