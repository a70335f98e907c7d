/** Which catalogs to search, each with its footprint colour. */
import type { SourceId } from '../../../../electron/service/api/contract';
import { SOURCE_LABEL, sourceColour } from '../../map/footprints/footprint-colours';
import { ALL_SOURCES, sourceToggled } from '../../state/search-form-store';

export function SourceCheckboxes({ selected, error }: { selected: SourceId[]; error?: string }) {
  return (
    <fieldset className={`field sources${error ? ' has-error' : ''}`}>
      <legend className="field-label">Sources</legend>
      {ALL_SOURCES.map((source) => (
        <label key={source} className="source-option">
          <input type="checkbox" data-testid={`source-${source}`} checked={selected.includes(source)} onChange={(e) => sourceToggled(source, e.target.checked)} />
          <span className="source-swatch" style={{ background: sourceColour(source) }} aria-hidden="true" />
          {SOURCE_LABEL[source]}
        </label>
      ))}
      {error && (
        <p className="field-error" role="alert" data-testid="error-sources">
          {error}
        </p>
      )}
    </fieldset>
  );
}
