/** Maximum cloud cover, 0–100 %. */
import { cloudLimitChanged } from '../../state/search-form-store';

export function CloudSlider({ value, error }: { value: number; error?: string }) {
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label className="field-label" htmlFor="cloud-slider">
        Cloud cover below <output data-testid="cloud-value">{value} %</output>
      </label>
      <input
        id="cloud-slider"
        data-testid="search-cloud"
        type="range"
        min={0}
        max={100}
        step={1}
        value={value}
        onChange={(e) => cloudLimitChanged(Number(e.target.value))}
      />
      {error && (
        <p className="field-error" role="alert" data-testid="error-cloud">
          {error}
        </p>
      )}
    </div>
  );
}
