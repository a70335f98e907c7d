/** What each observation gives: true colour, a named index, a band-math expression, or one band. */
import type { IndexName } from '../../../../electron/service/api/contract';
import type { VariableChoice, VariableMode } from '../../state/area-form-store';

export const INDEX_TITLES: Record<IndexName, string> = {
  ndvi: 'NDVI — vegetation',
  ndwi: 'NDWI — water',
  nbr: 'NBR — burn ratio',
  evi: 'EVI — enhanced vegetation',
  savi: 'SAVI — soil-adjusted vegetation',
};

const MODE_TITLES: Record<VariableMode, string> = {
  rgb: 'True colour (red, green, blue)',
  index: 'Index',
  expression: 'Expression',
  band: 'One band',
};

/** Common band names both sensors have (asset keys such as B08 are accepted too). */
const BANDS = ['blue', 'green', 'red', 'nir', 'swir16', 'swir22'];

interface Props {
  value: VariableChoice;
  onChange: (value: VariableChoice) => void;
  modes: VariableMode[];
  testId: string;
  error?: string;
}

export function VariablePicker({ value, onChange, modes, testId, error }: Props) {
  const mode = modes.includes(value.mode) ? value.mode : modes[0];
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label className="field-label" htmlFor={`${testId}-mode`}>
        Value per observation
      </label>
      <div className="field-row">
        <select id={`${testId}-mode`} data-testid={`${testId}-mode`} value={mode} onChange={(e) => onChange({ ...value, mode: e.target.value as VariableMode })}>
          {modes.map((m) => (
            <option key={m} value={m}>
              {MODE_TITLES[m]}
            </option>
          ))}
        </select>
        {mode === 'index' && (
          <select data-testid={`${testId}-index`} aria-label="Index" value={value.index} onChange={(e) => onChange({ ...value, index: e.target.value as IndexName })}>
            {(Object.keys(INDEX_TITLES) as IndexName[]).map((i) => (
              <option key={i} value={i}>
                {INDEX_TITLES[i]}
              </option>
            ))}
          </select>
        )}
        {mode === 'band' && (
          <select data-testid={`${testId}-band`} aria-label="Band" value={value.band} onChange={(e) => onChange({ ...value, band: e.target.value })}>
            {BANDS.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        )}
      </div>
      {mode === 'expression' && (
        <input
          data-testid={`${testId}-expression`}
          aria-label="Expression over band common names or asset keys"
          className="mono"
          value={value.expression}
          spellCheck={false}
          aria-invalid={Boolean(error)}
          onChange={(e) => onChange({ ...value, expression: e.target.value })}
        />
      )}
      {error && (
        <p className="field-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
