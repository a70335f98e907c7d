import { describe, expect, it } from 'vitest';
import { mosaicGrid, MosaicError, overlap, type SourceGrid } from '../../../electron/service/raster/mosaic/mosaic-grid';

const tile = (label: string, x0: number, y0: number, width = 64, height = 64, extra: Partial<SourceGrid> = {}): SourceGrid =>
  ({ label, epsg: 32631, width, height, transform: [x0, 10, 0, y0, 0, -10], bands: 1, nodata: null, ...extra });

describe('mosaicGrid', () => {
  it('is the union of files on one lattice, with each file\'s pixel offset', () => {
    const grid = mosaicGrid([tile('west', 600000, 5700000), tile('east', 600640, 5700000), tile('south', 600320, 5699360, 32, 16)]);
    expect(grid).toMatchObject({ epsg: 32631, width: 128, height: 80, transform: [600000, 10, 0, 5700000, 0, -10], bands: 1 });
    expect(grid.offsets).toEqual([{ column: 0, row: 0 }, { column: 64, row: 0 }, { column: 32, row: 64 }]);
  });

  it('starts at the westernmost and northernmost file, whatever the order', () => {
    const grid = mosaicGrid([tile('east', 600640, 5699990), tile('west', 600000, 5700000)]);
    expect(grid.transform).toEqual([600000, 10, 0, 5700000, 0, -10]);
    expect(grid.offsets).toEqual([{ column: 64, row: 1 }, { column: 0, row: 0 }]);
    expect([grid.width, grid.height]).toEqual([128, 65]);
  });

  it('refuses files it would have to resample, naming them', () => {
    const base = tile('a', 600000, 5700000);
    expect(() => mosaicGrid([base, tile('b', 600640, 5700000, 64, 64, { epsg: 32632 })])).toThrow(/b is in EPSG:32632, a in EPSG:32631/);
    expect(() => mosaicGrid([base, tile('b', 600640, 5700000, 64, 64, { transform: [600640, 20, 0, 5700000, 0, -20] })])).toThrow(/b has 20×20 pixels, a 10×10/);
    expect(() => mosaicGrid([base, tile('b', 600645, 5700000)])).toThrow(/b is not on the pixel lattice of a \(offset 64.5000/);
    expect(() => mosaicGrid([base, tile('b', 600640, 5700000, 64, 64, { bands: 2 })])).toThrow(/b has 2 bands, a 1/);
    expect(() => mosaicGrid([tile('r', 0, 0, 4, 4, { transform: [0, 10, 1, 0, 0, -10] })])).toThrow(MosaicError);
    expect(() => mosaicGrid([])).toThrow(/no GeoTIFF/);
  });
});

describe('overlap', () => {
  it('is the part of a file inside an output window, in file and window pixels', () => {
    expect(overlap({ column: 0, row: 0, width: 512, height: 512 }, { column: 64, row: 0, width: 64, height: 64 })).toEqual({ source: [0, 0, 64, 64], into: { column: 64, row: 0 } });
    expect(overlap({ column: 512, row: 0, width: 100, height: 50 }, { column: 500, row: 10, width: 30, height: 100 })).toEqual({ source: [12, 0, 30, 40], into: { column: 0, row: 10 } });
    expect(overlap({ column: 0, row: 0, width: 10, height: 10 }, { column: 10, row: 0, width: 5, height: 5 })).toBeNull();
  });
});
