/**
 * The inverse of workers/lib/cog/predictor.ts `applyFloatingPointPredictor` (TIFF Predictor 3,
 * Adobe Technote 3): per row, undo the byte differencing across the regrouped row, then put each
 * float's four byte planes (most significant first) back together. Pure.
 */
export function undoFloatingPointPredictor(bytes: Uint8Array, width: number): Float32Array {
  const rowBytes = 4 * width;
  if (bytes.length % rowBytes !== 0) throw new RangeError(`${bytes.length} bytes are not whole rows of ${width} float32 samples`);
  const out = new Float32Array(bytes.length / 4);
  const bits = new Uint32Array(out.buffer);
  const row = new Uint8Array(rowBytes);
  for (let start = 0, sample = 0; start < bytes.length; start += rowBytes, sample += width) {
    let acc = 0;
    for (let i = 0; i < rowBytes; i++) {
      acc = (acc + bytes[start + i]) & 0xff;
      row[i] = acc;
    }
    for (let i = 0; i < width; i++) {
      bits[sample + i] = ((row[i] << 24) | (row[width + i] << 16) | (row[2 * width + i] << 8) | row[3 * width + i]) >>> 0;
    }
  }
  return out;
}
