/**
 * Everything validation learns about one input scene: its item, the expression's identifiers
 * bound to its bands, its cloud-mask band, and the header of every COG involved (read from the
 * asset byte source). Also where the scene's pixels are, for bbox and overlap checks.
 */
import type { RasterGrid } from '../../../../workers/lib/raster-types';
import { unprocessable } from '../../api/errors';
import type { StacItem } from '../../stac/types';
import type { ExpressionChoice } from '../params/expression-field';
import { probeCog, type CogProbe } from '../grid/cog-probe';
import { finestGrid } from '../grid/output-grid';
import { bindBands, type BoundBand } from '../scene/band-binding';
import { maskBandOf, type MaskChoice } from '../scene/mask-band';
import { sceneItem } from '../scene/scene-item';
import type { ProcessingDeps } from '../processing-deps';

export interface SceneSurvey {
  id: string;
  /** The body parameter that named the scene (`scene`, `before`, `after`). */
  parameter: string;
  item: StacItem;
  bands: BoundBand[];
  mask: MaskChoice | null;
  maskNote: string;
  probes: Map<string, CogProbe>;
}

export interface MaskRequest {
  maskClouds: boolean;
  explicit: boolean;
}

export function probeGrid(probe: CogProbe): RasterGrid {
  return { crs: probe.crs, width: probe.width, height: probe.height, transform: probe.transform };
}

/** The finest grid among the bands the expression reads: where the output grid comes from. */
export function surveyGrid(survey: SceneSurvey): RasterGrid {
  return finestGrid(survey.bands.map((band) => probeGrid(survey.probes.get(band.asset)!)));
}

function chooseMask(item: StacItem, request: MaskRequest): { mask: MaskChoice | null; note: string } {
  if (!request.maskClouds) return { mask: null, note: 'cloud masking off (mask_clouds: false)' };
  const mask = maskBandOf(item);
  if (mask) return { mask, note: mask.rule };
  if (request.explicit) throw unprocessable('mask_clouds', `scene ${item.id} has no cloud-mask band (SCL or QA_PIXEL); send mask_clouds: false to process it unmasked`);
  return { mask: null, note: 'no cloud masking: the scene has no SCL or QA_PIXEL band' };
}

export async function surveyScene(
  deps: Pick<ProcessingDeps, 'scenes' | 'bytes' | 'offline'>, id: string, parameter: string, choice: ExpressionChoice, maskRequest: MaskRequest, signal?: AbortSignal,
): Promise<SceneSurvey> {
  const item = await sceneItem(deps, id, parameter, signal);
  const bands = bindBands(item, choice.variables, choice.parameter);
  const { mask, note } = chooseMask(item, maskRequest);
  const assets = [...new Set([...bands.map((band) => band.asset), ...(mask ? [mask.asset] : [])])];
  const probes = new Map<string, CogProbe>();
  await Promise.all(assets.map(async (asset) => {
    probes.set(asset, await probeCog(deps.bytes, { scene: id, asset }, `asset ${asset} of ${id}`, parameter, signal));
  }));
  for (const band of bands) {
    const probe = probes.get(band.asset)!;
    if (band.sample >= probe.samples) {
      throw unprocessable(choice.parameter, `band "${band.name}" is band ${band.sample + 1} of asset ${band.asset} of ${id}, but its file has ${probe.samples}`);
    }
    if (band.nodata === null && probe.nodata !== null) band.nodata = Number.isNaN(probe.nodata) ? 'nan' : probe.nodata;
  }
  return { id, parameter, item, bands, mask, maskNote: note, probes };
}
