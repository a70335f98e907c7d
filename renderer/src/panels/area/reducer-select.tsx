/** How the observations of a period become one value per pixel. */
import type { CompositeReducer } from '../../../../electron/service/api/contract';

const REDUCERS: Array<{ id: CompositeReducer; title: string }> = [
  { id: 'median', title: 'Median' },
  { id: 'mean', title: 'Mean' },
  { id: 'min', title: 'Minimum' },
  { id: 'max', title: 'Maximum' },
  { id: 'first', title: 'First valid' },
  { id: 'last', title: 'Last valid' },
  { id: 'count', title: 'Count of valid observations' },
  { id: 'max_ndvi', title: 'Greenest pixel (highest NDVI)' },
];

interface Props {
  value: CompositeReducer;
  onChange: (value: CompositeReducer) => void;
  /** Period change compares single values: no greenest-pixel composite. */
  allowMaxNdvi: boolean;
  error?: string;
}

export function ReducerSelect({ value, onChange, allowMaxNdvi, error }: Props) {
  const choices = REDUCERS.filter((r) => allowMaxNdvi || r.id !== 'max_ndvi');
  return (
    <label className={`field${error ? ' has-error' : ''}`}>
      <span className="field-label">Reducer over time</span>
      <select data-testid="area-reducer" value={choices.some((r) => r.id === value) ? value : 'median'} onChange={(e) => onChange(e.target.value as CompositeReducer)}>
        {choices.map((r) => (
          <option key={r.id} value={r.id}>
            {r.title}
          </option>
        ))}
      </select>
      {error && <span className="field-error" role="alert">{error}</span>}
    </label>
  );
}
