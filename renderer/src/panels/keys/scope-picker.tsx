/** The scope checkboxes of the Create Key form. */
import type { KeyScope } from '../../../../electron/service/api/contract';
import { SCOPE_CHOICES, SCOPE_ORDER } from './scope-choices';

export function ScopePicker({ value, onChange }: { value: readonly KeyScope[]; onChange: (scopes: KeyScope[]) => void }) {
  const toggle = (scope: KeyScope, on: boolean) => {
    const next = on ? [...value, scope] : value.filter((s) => s !== scope);
    onChange(SCOPE_ORDER.filter((s) => next.includes(s)));
  };
  return (
    <fieldset className="key-scopes" data-testid="key-scope-picker">
      <legend>Scopes</legend>
      {SCOPE_ORDER.map((scope) => (
        <label key={scope} title={SCOPE_CHOICES[scope].allows}>
          <input type="checkbox" data-testid={`key-scope-${scope}`} checked={value.includes(scope)} onChange={(e) => toggle(scope, e.target.checked)} />
          <strong>{SCOPE_CHOICES[scope].label}</strong> <span className="scope-allows">{SCOPE_CHOICES[scope].allows}</span>
        </label>
      ))}
    </fieldset>
  );
}
