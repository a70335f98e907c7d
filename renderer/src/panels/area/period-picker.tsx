/** A period: first and last day, or a quick choice ("Last summer", "Last 3 months", …) that fills both. */
import { useMemo } from 'react';
import { matchingQuickPeriod, quickPeriods, type DayRange } from '../../area/quick-periods';

interface Props {
  label: string;
  value: DayRange;
  onChange: (value: DayRange) => void;
  /** data-testid prefix: `<testId>-start`, `-end`, `-quick`. */
  testId: string;
  error?: string;
}

export function PeriodPicker({ label, value, onChange, testId, error }: Props) {
  const choices = useMemo(() => quickPeriods(), []);
  const matching = matchingQuickPeriod(value, choices);
  return (
    <fieldset className={`field period-picker${error ? ' has-error' : ''}`}>
      <legend className="field-label">{label}</legend>
      <select
        data-testid={`${testId}-quick`}
        aria-label={`${label}: quick choice`}
        value={matching?.id ?? ''}
        onChange={(e) => {
          const choice = choices.find((c) => c.id === e.target.value);
          if (choice) onChange({ start: choice.start, end: choice.end });
        }}
      >
        <option value="">Custom dates</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
      <div className="date-inputs">
        <label>
          <span className="sr-only">{label}: first day</span>
          <input type="date" data-testid={`${testId}-start`} value={value.start} aria-invalid={Boolean(error)} onChange={(e) => onChange({ ...value, start: e.target.value })} />
        </label>
        <span aria-hidden="true">→</span>
        <label>
          <span className="sr-only">{label}: last day</span>
          <input type="date" data-testid={`${testId}-end`} value={value.end} aria-invalid={Boolean(error)} onChange={(e) => onChange({ ...value, end: e.target.value })} />
        </label>
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
