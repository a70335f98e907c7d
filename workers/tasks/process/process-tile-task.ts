/**
 * `process-tile`: one output tile of an index or change job. Reads every band it needs through
 * the service's COG proxy (the thread keeps the files open), evaluates the scene expression(s) on
 * the tile's grid and returns the output bands by transfer:
 * - index:  [value]
 * - change: [after − before, class −1/0/+1 at ±threshold], NaN where either scene is masked.
 * With `encode`, it also encodes each band as the COG writer's full-resolution block (padded to
 * the tile size with NaN exactly as the writer pads, predictor + deflate), so the tile needs no
 * second trip to a worker before it is spooled.
 */
import { classifyChange } from '../../lib/change';
import type { RasterGrid } from '../../lib/raster-types';
import { withTransfer, type TransferOutput } from '../../pool/task-channel';
import { predictTile } from '../../lib/cog/predictor';
import { encodeTileBytes, type DeflateStrategy } from '../tiles/encode-tile-task';
import { giveBack, takeFloat32 } from './scratch';
import { evaluateScene } from './evaluate-scene';
import type { SceneRecipe } from './scene-recipe';

export type TileOperation =
  | { type: 'index'; scene: SceneRecipe }
  | { type: 'change'; before: SceneRecipe; after: SceneRecipe; threshold: number };

export interface ProcessTileTask {
  kind: 'process-tile';
  /** `Bearer <internal key>` for the proxy. */
  authorization: string;
  /** The tile's part of the output grid (edge tiles are smaller than the tile size). */
  target: RasterGrid;
  op: TileOperation;
  /**
   * Also encode the full-resolution COG blocks of this tile. `deflate: 'caller'` stops after the
   * predictor and returns the predicted bytes (`predicted`) for the caller to deflate on a core
   * the pool leaves idle (encode-tile-task.ts deflatePredicted); default 'worker' returns `blocks`.
   */
  encode?: { tileSize: number; compressionLevel: number; strategy?: DeflateStrategy; deflate?: 'worker' | 'caller' };
  /**
   * Float32 buffers of earlier results the caller is done with, sent back (transferred) to be
   * reused for this thread's next outputs: fewer ArrayBuffers made and collected on both sides.
   */
  recycled?: ArrayBuffer[];
  /** Read the proxy over the task's MessagePort (pool/byte-channel.ts); the pool must serve it. */
  bytesOverChannel?: boolean;
}

export interface ProcessTileResult {
  /** One plane per output band, target.width × target.height, row-major. */
  planes: Float32Array[];
  /** With `encode`: one encoded block per band. */
  blocks?: Uint8Array[];
  /** With `encode.deflate: 'caller'`: one predicted (not yet deflated) block per band. */
  predicted?: Uint8Array[];
}

/** The plane as the COG writer stores it: tileSize × tileSize, NaN outside the raster. */
function padded(plane: Float32Array, width: number, height: number, tileSize: number): Float32Array {
  if (width === tileSize && height === tileSize) return plane;
  const out = takeFloat32(tileSize * tileSize).fill(NaN);
  for (let row = 0; row < height; row++) out.set(plane.subarray(row * width, (row + 1) * width), row * tileSize);
  return out;
}

function difference(after: Float32Array, before: Float32Array): Float32Array {
  const out = takeFloat32(after.length);
  for (let i = 0; i < out.length; i++) out[i] = after[i] - before[i];
  return out;
}

export async function processTileTask(task: ProcessTileTask): Promise<TransferOutput<ProcessTileResult>> {
  const io = { authorization: task.authorization };
  const { op, target } = task;
  for (const buffer of task.recycled ?? []) if (buffer.byteLength % 4 === 0) giveBack(new Float32Array(buffer));
  let planes: Float32Array[];
  if (op.type === 'index') {
    planes = [await evaluateScene(op.scene, target, io)];
  } else {
    const [before, after] = await Promise.all([evaluateScene(op.before, target, io), evaluateScene(op.after, target, io)]);
    const diff = difference(after, before);
    giveBack(before, after);
    planes = [diff, classifyChange(diff, op.threshold).classes];
  }
  let blocks: Uint8Array[] | undefined;
  let predicted: Uint8Array[] | undefined;
  if (task.encode) {
    const { tileSize, compressionLevel, strategy, deflate = 'worker' } = task.encode;
    const encoded = planes.map((plane, band) => {
      const samples = padded(plane, target.width, target.height, tileSize);
      // Predicted bytes go out by transfer and come back in `recycled` once deflated: a pooled buffer.
      const bytes = deflate === 'caller'
        ? predictTile(samples, tileSize, new Uint8Array(takeFloat32(tileSize * tileSize).buffer))
        : encodeTileBytes({ samples, width: tileSize, dataType: 'float32', compressionLevel, level: 0, tx: 0, ty: 0, band }, strategy);
      if (samples !== plane) giveBack(samples);
      return bytes;
    });
    if (deflate === 'caller') predicted = encoded;
    else blocks = encoded;
  }
  return withTransfer({ planes, blocks, predicted }, [...planes, ...(blocks ?? []), ...(predicted ?? [])].map((array) => array.buffer as ArrayBuffer));
}
