/** Acquisition date range; either end may be left empty (open). */
import { searchDatesChanged } from '../../state/search-form-store';

export function DateRangeFields({ start, end, error }: { start: string; end: string; error?: string }) {
  return (
    <fieldset className={`field date-range${error ? ' has-error' : ''}`}>
      <legend className="field-label">Acquired</legend>
      <div className="date-inputs">
        <label>
          <span className="sr-only">From</span>
          <input type="date" data-testid="search-start" value={start} aria-invalid={Boolean(error)} onChange={(e) => searchDatesChanged({ start: e.target.value })} />
        </label>
        <span aria-hidden="true">→</span>
        <label>
          <span className="sr-only">To</span>
          <input type="date" data-testid="search-end" value={end} aria-invalid={Boolean(error)} onChange={(e) => searchDatesChanged({ end: e.target.value })} />
        </label>
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="error-datetime">
          {error}
        </p>
      )}
    </fieldset>
  );
}
