/**
 * The per-pixel cloud masks of ASTRA as openEO band math (`reduce_dimension` over `bands`, then
 * `mask`): Sentinel-2 SCL classes 0, 1, 3, 8, 9, 10 (`or` of `eq`s) and Landsat QA_PIXEL bits 0–4
 * (`neq(mod(QA_PIXEL, 32), 0)`), the same classes and bits workers/lib/masks.ts applies. Pure.
 */
import { DEFAULT_SCL_INVALID_CLASSES, LANDSAT_QA_INVALID_BITS } from '../../../../workers/lib/masks';
import type { FromNode, OpenEoProcess } from './graph-json';
import { callback, parameter } from './graph-writer';

export type MaskBand = 'SCL' | 'QA_PIXEL';

/** QA_PIXEL bits 0–4 set ⇔ QA_PIXEL mod 32 ≠ 0. */
export const QA_MODULUS = LANDSAT_QA_INVALID_BITS + 1;

export const SCL_INVALID_CLASSES: readonly number[] = DEFAULT_SCL_INVALID_CLASSES;

/** The reducer that is true where a pixel is cloudy (or otherwise unusable). */
export function cloudMaskReducer(band: MaskBand): OpenEoProcess {
  return callback((writer) => {
    const value = writer.add('array_element', { data: parameter('data'), label: band });
    if (band === 'QA_PIXEL') return writer.add('neq', { x: writer.add('mod', { x: value, y: QA_MODULUS }), y: 0 });
    return SCL_INVALID_CLASSES
      .map((cls) => writer.add('eq', { x: value, y: cls }))
      .reduce((left: FromNode, right: FromNode) => writer.add('or', { x: left, y: right }));
  });
}
