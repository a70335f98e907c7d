/**
 * What a cold time series at a point fetched from the fake upstream, per COG file, from its Range
 * request log: the bytes, the full-resolution COG blocks it read, and the bytes the job needed —
 * the file's header (up to its first tile) and the block holding the point (manifest
 * `point_blocks`). A block counts as read when its first byte was fetched and so were at least
 * 64 KiB of it or all of it: the byte cache fetches aligned 64 KiB blocks, so a read spills less
 * than 64 KiB into the next block's front, and a point's read may take only the front of its block
 * (the rows down to the point). Pure.
 */
const SPILL = 64 * 1024;

/** [start, end) intervals of the GET requests with a `bytes=a-b` range, merged. */
function fetchedIntervals(requests) {
  const spans = [];
  for (const request of requests) {
    const match = /^bytes=(\d+)-(\d+)$/.exec(request.headers.range ?? '');
    if (match) spans.push([Number(match[1]), Number(match[2]) + 1]);
    else spans.push([0, Infinity]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  return merged;
}

/**
 * Per file read: {path, scene, asset, bytes, blocksRead (indices), pointBlock, needed}; `unknown`
 * lists requests for paths the manifest does not hold.
 */
export function upstreamReads(manifest, requests) {
  const files = new Map();
  for (const scene of manifest.scenes) for (const [asset, file] of Object.entries(scene.files)) files.set(file.url_path, { scene: scene.id, asset, file });
  const byPath = new Map();
  const unknown = [];
  for (const request of requests.filter((r) => r.method === 'GET')) {
    if (!files.has(request.path)) unknown.push(request.path);
    else byPath.set(request.path, [...(byPath.get(request.path) ?? []), request]);
  }
  const reads = [];
  for (const [path, list] of byPath) {
    const { scene, asset, file } = files.get(path);
    const intervals = fetchedIntervals(list);
    const read = [];
    file.blocks.forEach(([offset, size], index) => {
      const span = intervals.find(([a, b]) => a <= offset && offset < b);
      if (size > 0 && span && Math.min(span[1], offset + size) - offset >= Math.min(size, SPILL)) read.push(index);
    });
    const point = manifest.point_blocks[path];
    reads.push({
      path, scene, asset,
      bytes: list.reduce((sum, r) => sum + (r.bytes ?? 0), 0),
      blocksRead: read,
      pointBlock: point.row * file.block_grid[0] + point.col,
      needed: { header: file.header_end, block: point.size },
    });
  }
  return { reads, unknown };
}

/** Totals over the reads: bytes fetched and needed, block reads per file (max, and off the point's block). */
export function summariseReads(reads) {
  const sum = (f) => reads.reduce((total, read) => total + f(read), 0);
  return {
    files: reads.length,
    fetched: sum((r) => r.bytes),
    neededBlocks: sum((r) => r.needed.block),
    neededHeaders: sum((r) => r.needed.header),
    maxBlocksPerFile: Math.max(0, ...reads.map((r) => r.blocksRead.length)),
    filesWithOtherBlocks: reads.filter((r) => r.blocksRead.some((b) => b !== r.pointBlock)).length,
    filesWithoutPointBlock: reads.filter((r) => !r.blocksRead.includes(r.pointBlock)).length,
  };
}
