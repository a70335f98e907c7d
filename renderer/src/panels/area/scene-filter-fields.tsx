/**
 * Which scenes and pixels an area job uses: the scene-level cloud-cover limit, the sources, the
 * per-pixel cloud mask, and the HLS harmonisation that lets Landsat sit beside Sentinel-2.
 */
import type { SourceId } from '../../../../electron/service/api/contract';
import { SOURCE_LABEL, sourceColour } from '../../map/footprints/footprint-colours';
import type { SceneFilter } from '../../state/area-form-store';
import { ALL_SOURCES } from '../../state/search-form-store';

interface Props {
  value: SceneFilter;
  onChange: (patch: Partial<SceneFilter>) => void;
  testId: string;
  errors: { cloud?: string; sources?: string; options?: string };
}

export function SceneFilterFields({ value, onChange, testId, errors }: Props) {
  const toggle = (source: SourceId, on: boolean) =>
    onChange({ sources: on ? ALL_SOURCES.filter((s) => s === source || value.sources.includes(s)) : value.sources.filter((s) => s !== source) });
  return (
    <>
      <div className={`field${errors.cloud ? ' has-error' : ''}`}>
        <label className="field-label" htmlFor={`${testId}-cloud`}>
          Scenes with cloud cover below <output>{value.cloud} %</output>
        </label>
        <input id={`${testId}-cloud`} data-testid={`${testId}-cloud`} type="range" min={0} max={100} step={5} value={value.cloud} onChange={(e) => onChange({ cloud: Number(e.target.value) })} />
        {errors.cloud && <p className="field-error" role="alert">{errors.cloud}</p>}
      </div>
      <fieldset className={`field sources${errors.sources ? ' has-error' : ''}`}>
        <legend className="field-label">Sources</legend>
        {ALL_SOURCES.map((source) => (
          <label key={source} className="source-option">
            <input type="checkbox" data-testid={`${testId}-source-${source}`} checked={value.sources.includes(source)} onChange={(e) => toggle(source, e.target.checked)} />
            <span className="source-swatch" style={{ background: sourceColour(source) }} aria-hidden="true" />
            {SOURCE_LABEL[source]}
          </label>
        ))}
        {errors.sources && <p className="field-error" role="alert">{errors.sources}</p>}
      </fieldset>
      <div className="checks">
        <label className="check" title="Drop cloudy, shadowed and no-data pixels of each scene (SCL, QA_PIXEL)">
          <input type="checkbox" data-testid={`${testId}-mask-clouds`} checked={value.maskClouds} onChange={(e) => onChange({ maskClouds: e.target.checked })} /> Mask clouds per pixel
        </label>
        <label className="check" title="HLS bandpass adjustment of Landsat 8/9 OLI to Sentinel-2 MSI (Claverie et al., 2018)">
          <input type="checkbox" data-testid={`${testId}-harmonize`} checked={value.harmonize} onChange={(e) => onChange({ harmonize: e.target.checked })} /> Harmonise Landsat to Sentinel-2 (HLS)
        </label>
      </div>
      {errors.options && <p className="field-error" role="alert">{errors.options}</p>}
    </>
  );
}
