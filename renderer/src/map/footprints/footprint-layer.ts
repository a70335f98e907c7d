/**
 * The footprints layer: an ol/layer/Layer with its own canvas renderer, because ol/layer/Vector
 * re-executes every polygon each frame (~210 ms at 20,000 in headless Chromium) and VectorImage
 * is as slow whenever the view settles. Here:
 * - few footprints in view (≤ detailLimit): each is drawn, batched into one path per source;
 * - many in view: footprints are aggregated into grid cells (footprint-grid.ts) coloured by the
 *   dominant source, shaded by count;
 * - an unchanged frame (hover, overlays loading) re-uses the last canvas;
 * - gesture frames move and scale the last drawing with CSS (no re-raster), redrawn on settle.
 * Visibility is a linear scan over a flat bbox array (~0.1 ms at 20,000), cheaper than an R-tree
 * query that materialises every hit.
 */
import Layer from 'ol/layer/Layer';
import type { FrameState } from 'ol/Map';
import { WORLD_WIDTH, type FootprintCollection } from './footprint-collection';
import { GridCache, levelFor } from './footprint-grid';
import { rgba, SOURCE_RGB } from './footprint-colours';

const HALF = WORLD_WIDTH / 2;
const SOURCE_SLOTS = SOURCE_RGB.length;
const ALPHA_STEPS = 8;

export type FootprintMode = 'detail' | 'grid' | 'empty';

export interface FootprintFrameStats {
  mode: FootprintMode;
  /** Footprints (detail) or cells (grid) drawn. */
  drawn: number;
  inView: number;
}

export interface FootprintLayerOptions {
  /** Most footprints drawn one by one; above it the grid is shown. */
  detailLimit?: number;
  /** Target width of a grid cell on screen, in CSS pixels. */
  cellPixels?: number;
  zIndex?: number;
}

const GRID_FILL: string[][] = SOURCE_RGB.map((_, s) => Array.from({ length: ALPHA_STEPS }, (_, a) => rgba(s, 0.18 + (0.62 * a) / (ALPHA_STEPS - 1))));
const DETAIL_FILL = SOURCE_RGB.map((_, s) => rgba(s, 0.08));
const DETAIL_STROKE = SOURCE_RGB.map((_, s) => rgba(s, 0.85));

export class FootprintLayer {
  readonly layer: Layer;
  readonly canvas: HTMLCanvasElement;
  /**
   * NOTE: OpenLayers 10 draws the next layer straight into the previous layer's element when that
   * element is a canvas of the right size (renderer/canvas/Layer.js `useContainer`); a bare canvas
   * here would collect the highlight and AOI drawings, and the frame cache would keep them. A div
   * around the canvas keeps this canvas ours.
   */
  private readonly container: HTMLDivElement;
  stats: FootprintFrameStats = { mode: 'empty', drawn: 0, inView: 0 };
  private readonly ctx: CanvasRenderingContext2D;
  private readonly grid = new GridCache();
  private readonly detailLimit: number;
  private readonly cellPixels: number;
  private visible = new Int32Array(0);
  private visibleWorld = new Int32Array(0);
  private lastKey = '';
  /** The view the canvas was last drawn for (to move it with CSS during gestures). */
  private drawn: { extent: number[]; resolution: number; width: number; height: number; version: number } | null = null;

  constructor(private readonly collection: FootprintCollection, options: FootprintLayerOptions = {}) {
    this.detailLimit = options.detailLimit ?? 1500;
    this.cellPixels = options.cellPixels ?? 36;
    this.visible = new Int32Array(this.detailLimit + 1);
    this.visibleWorld = new Int32Array(this.detailLimit + 1);
    this.container = document.createElement('div');
    this.container.className = 'footprints-layer';
    Object.assign(this.container.style, { position: 'absolute', inset: '0', pointerEvents: 'none' });
    this.canvas = document.createElement('canvas');
    Object.assign(this.canvas.style, { position: 'absolute', left: '0', top: '0', width: '100%', height: '100%', transformOrigin: '0 0' });
    this.container.append(this.canvas);
    const ctx = this.canvas.getContext('2d');
    if (!ctx) throw new Error('2D canvas is not available');
    this.ctx = ctx;
    this.layer = new Layer({ render: (frameState) => this.render(frameState), zIndex: options.zIndex ?? 50, properties: { role: 'footprints' } });
  }

  /** Call after the collection changed. */
  refresh(): void {
    this.layer.changed();
  }

  /**
   * During a gesture the last drawing is moved and scaled with a CSS transform, like
   * ol/layer/VectorImage does, so the compositor does not re-rasterize a full canvas each frame;
   * the view is redrawn when it settles (or when the zoom has changed too much to stretch).
   */
  private transformed(frameState: FrameState, width: number, height: number): boolean {
    const { viewHints, viewState, extent } = frameState;
    const drawn = this.drawn;
    if (!drawn || !extent || (viewHints[0] === 0 && viewHints[1] === 0)) return false;
    if (drawn.width !== width || drawn.height !== height || drawn.version !== this.collection.version) return false;
    const scale = drawn.resolution / viewState.resolution;
    if (scale < 0.5 || scale > 2) return false;
    const dx = (drawn.extent[0] - extent[0]) / viewState.resolution;
    const dy = (extent[3] - drawn.extent[3]) / viewState.resolution;
    this.canvas.style.transform = `translate(${dx}px, ${dy}px) scale(${scale})`;
    return true;
  }

  private render(frameState: FrameState): HTMLElement {
    const { size, pixelRatio, viewState, extent } = frameState;
    const key = `${viewState.center[0]},${viewState.center[1]},${viewState.resolution},${size[0]},${size[1]},${pixelRatio},${this.collection.version}`;
    if (key === this.lastKey || !extent) return this.container;
    this.lastKey = key;
    const width = Math.round(size[0] * pixelRatio);
    const height = Math.round(size[1] * pixelRatio);
    if (this.transformed(frameState, width, height)) return this.container;
    this.canvas.style.transform = '';
    this.drawn = { extent: [...extent], resolution: viewState.resolution, width, height, version: this.collection.version };
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    } else {
      this.ctx.clearRect(0, 0, width, height);
    }
    // Rotation is disabled on the view, so map → device pixels is a scale and a shift.
    const scale = pixelRatio / viewState.resolution;
    const ox = -extent[0] * scale;
    const oy = extent[3] * scale;
    const kMin = Math.ceil((extent[0] - WORLD_WIDTH) / WORLD_WIDTH);
    const kMax = Math.floor((extent[2] + HALF) / WORLD_WIDTH);

    const inView = this.collectVisible(extent, kMin, kMax);
    if (this.collection.count === 0) this.stats = { mode: 'empty', drawn: 0, inView: 0 };
    else if (inView <= this.detailLimit) this.stats = { mode: 'detail', drawn: this.drawDetail(inView, scale, ox, oy, pixelRatio), inView };
    else this.stats = { mode: 'grid', drawn: this.drawGrid(viewState.resolution, kMin, kMax, scale, ox, oy, pixelRatio), inView };
    if (this.container.dataset.mode !== this.stats.mode) this.container.dataset.mode = this.stats.mode;
    this.container.dataset.drawn = String(this.stats.drawn);
    return this.container;
  }

  /** Fills `visible` with footprints in view; stops counting past the detail limit. */
  private collectVisible(extent: number[], kMin: number, kMax: number): number {
    const { bboxes, count } = this.collection;
    const [e0, e1, e2, e3] = extent;
    let n = 0;
    for (let k = kMin; k <= kMax; k++) {
      const shift = k * WORLD_WIDTH;
      const left = e0 - shift;
      const right = e2 - shift;
      for (let i = 0; i < count; i++) {
        const b = 4 * i;
        if (bboxes[b] > right || bboxes[b + 2] < left || bboxes[b + 1] > e3 || bboxes[b + 3] < e1) continue;
        if (n <= this.detailLimit) {
          this.visible[n] = i;
          this.visibleWorld[n] = k;
        }
        n++;
        if (n > this.detailLimit) return n;
      }
    }
    return n;
  }

  private drawDetail(n: number, scale: number, ox: number, oy: number, pixelRatio: number): number {
    const ctx = this.ctx;
    const { coords, ringStarts, featureRings, sources } = this.collection;
    ctx.lineWidth = 1.25 * pixelRatio;
    ctx.lineJoin = 'round';
    for (let s = 0; s < SOURCE_SLOTS; s++) {
      let any = false;
      ctx.beginPath();
      for (let v = 0; v < n; v++) {
        const i = this.visible[v];
        if (sources[i] !== s) continue;
        any = true;
        const dx = this.visibleWorld[v] * WORLD_WIDTH * scale + ox;
        for (let r = featureRings[i]; r < featureRings[i + 1]; r++) {
          const start = ringStarts[r];
          const end = ringStarts[r + 1];
          ctx.moveTo(coords[start] * scale + dx, oy - coords[start + 1] * scale);
          for (let c = start + 2; c < end; c += 2) ctx.lineTo(coords[c] * scale + dx, oy - coords[c + 1] * scale);
          ctx.closePath();
        }
      }
      if (!any) continue;
      ctx.fillStyle = DETAIL_FILL[s];
      ctx.fill();
      ctx.strokeStyle = DETAIL_STROKE[s];
      ctx.stroke();
    }
    return n;
  }

  private drawGrid(resolution: number, kMin: number, kMax: number, scale: number, ox: number, oy: number, pixelRatio: number): number {
    const ctx = this.ctx;
    const bins = this.grid.get(this.collection, levelFor(resolution, this.cellPixels));
    const cellPx = bins.cellSize * scale;
    const gap = cellPx > 6 * pixelRatio ? pixelRatio : 0;
    const logMax = Math.log1p(bins.maxCount);
    const width = this.canvas.width;
    const height = this.canvas.height;
    const labels: number[] = [];
    let drawn = 0;
    for (let k = kMin; k <= kMax; k++) {
      const worldLeft = (-HALF + k * WORLD_WIDTH) * scale + ox;
      const worldTop = oy - HALF * scale;
      for (let b = 0; b < bins.length; b++) {
        const x = worldLeft + bins.cols[b] * cellPx;
        const y = worldTop + bins.rows[b] * cellPx;
        if (x > width || y > height || x + cellPx < 0 || y + cellPx < 0) continue;
        const step = Math.min(ALPHA_STEPS - 1, Math.floor((Math.log1p(bins.counts[b]) / logMax) * (ALPHA_STEPS - 1)));
        ctx.fillStyle = GRID_FILL[bins.dominant[b]][step];
        ctx.fillRect(x + gap, y + gap, cellPx - gap, cellPx - gap);
        drawn++;
        labels.push(b, x, y);
      }
    }
    if (cellPx >= 26 * pixelRatio && drawn <= 600) {
      ctx.font = `600 ${Math.round(11 * pixelRatio)}px system-ui, sans-serif`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillStyle = '#0f172a';
      for (let l = 0; l < labels.length; l += 3) {
        ctx.fillText(String(bins.counts[labels[l]]), labels[l + 1] + cellPx / 2, labels[l + 2] + cellPx / 2);
      }
    }
    return drawn;
  }
}
