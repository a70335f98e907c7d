/** The `processing:lineage` sentence of an area result: how its pixels or statistics were made, in words. Pure. */
import type { AreaPlan } from '../plan/area-plan';

function valuesText(plan: AreaPlan): string {
  return plan.values.outputs.map((o) => (o.expression ? `${o.name} = ${o.expression}` : o.name)).join(', ');
}

function reductionText(plan: AreaPlan): string {
  if (plan.kind === 'timeseries') {
    const per = plan.period === 'day' ? 'per observation' : `per ${plan.period} and source (the period's observations reduced per pixel by their median)`;
    return `statistics over the area's valid pixels ${per}: mean, median, std (ddof 0), min, max, p10, p90 (linear), valid_pixels, cloud_fraction = cloud-masked / (valid + cloud-masked)`;
  }
  const reducer = plan.reducer === 'max_ndvi' ? 'the greenest pixel (every band from the observation with the highest NDVI, earliest on ties)' : `the per-pixel ${plan.reducer} over time (NaN ignored)`;
  if (plan.kind === 'change') return `${reducer} of each period, then band 1 = after − before, band 2 = −1/0/+1 where band 1 < −${plan.threshold} / within / > ${plan.threshold}`;
  return `${reducer}${plan.valid_count ? ', plus the count of valid observations' : ''}`;
}

export function areaLineage(plan: AreaPlan): string {
  const grid = `${plan.grid.width}×${plan.grid.height} ${plan.grid.crs} grid of ${plan.resolution} units/pixel aligned to whole multiples of it`;
  return `${plan.scenes.length} scenes grouped into ${plan.observations.length} observations (platform + solar day); `
    + `each scene's bands warped onto the ${grid} (bilinear on reflectance, DN × scale + offset${plan.harmonize ? ', Landsat 8/9 OLI adjusted to Sentinel-2A MSI by the HLS bandpass coefficients' : ''}; `
    + `masks nearest${plan.mask_clouds ? ', SCL classes 0, 1, 3, 8, 9, 10 and QA_PIXEL bits 0–4 invalid' : ', clouds not masked'}); `
    + `an observation's tiles mosaicked in datetime order, the first valid scene giving every variable; ${valuesText(plan)} per observation in float64 from float32 reflectance; `
    + `${reductionText(plan)}. Pixels whose centre is outside the area are no data.`;
}
