/**
 * Wire types of GET /api/v1/scenes/{id}/assets. Types only, no Node imports; clients (the renderer
 * too) take them from ../api/contract.ts.
 */

/** How the bytes are reached: this app's COG proxy, a SAS-signed PC url, another catalog's copy, or as published. */
export type AssetRoute = 'cache' | 'signed' | 'public' | 'alternate';

export interface ResolvedAsset {
  href: string;
  type: string | null;
  gsd: number | null;
  /** ISO 8601; set when `href` carries a token that expires. */
  expires_at: string | null;
  route: AssetRoute;
  /** The asset key the band resolved to (e.g. `nir` → `B08`). */
  asset: string;
}

export interface SceneAssets {
  scene: string;
  /** Keyed by the band names as requested. */
  assets: Record<string, ResolvedAsset>;
}
