/**
 * `GET /api/v1/scenes/{id}/assets`: which url to read each requested band from, and how
 * (api.md): `cache` (this app's COG proxy, when the bytes are stored or the app is offline),
 * `signed` (Planetary Computer SAS), `alternate` (another catalog's copy, e.g. Landsat from PC)
 * or `public`. Also what the COG proxy asks to learn the upstream url of a band.
 */
import { notFound } from '../api/errors';
import type { CogByteCache } from '../cache/cog-byte-cache';
import { parseScopedId } from '../search/scoped-id';
import type { StacAsset, StacItem } from '../stac/types';
import { alternateSceneIds, needsAlternateRoute } from './landsat-route';
import type { SasSigner } from './sas-signer';
import type { SceneGetter } from './scene-getter';
import { assetGsd, selectAssetKey, type AssetFormat } from './select-asset';
import { unsignedHref } from './blob-url';
import type { ResolvedAsset, SceneAssets } from './types';

export type { AssetRoute, ResolvedAsset, SceneAssets } from './types';

/** Where the bytes of one band live upstream. */
export interface AssetLocation {
  sceneId: string;
  assetKey: string;
  asset: StacAsset;
  /** Unsigned upstream url: the COG cache's key. */
  url: string;
  /** True when the bytes come from another catalog's copy of the scene (e.g. Landsat from PC). */
  alternate: boolean;
}

export interface AssetResolverDeps {
  getScene: SceneGetter;
  signer: SasSigner;
  bytes: CogByteCache;
  offline: () => boolean;
  now?: () => number;
}

const LOCATION_TTL_MS = 60_000;
const MAX_LOCATIONS = 2_000;

export function proxyPath(sceneId: string, assetKey: string): string {
  return `/api/v1/scenes/${encodeURIComponent(sceneId)}/assets/${encodeURIComponent(assetKey)}/cog`;
}

export class AssetResolver {
  /** Recent locations, so every tile request through the proxy does not re-read the item. */
  private readonly located = new Map<string, { at: number; location: AssetLocation }>();
  private readonly now: () => number;

  constructor(private readonly deps: AssetResolverDeps) {
    this.now = deps.now ?? Date.now;
  }

  async scene(sceneId: string, signal?: AbortSignal): Promise<StacItem> {
    parseScopedId(sceneId, 'id');
    const item = await this.deps.getScene(sceneId, signal);
    if (!item) throw notFound(`unknown scene ${sceneId}`);
    return item;
  }

  async locate(sceneId: string, band: string, format: AssetFormat, signal?: AbortSignal): Promise<AssetLocation> {
    const memoKey = `${sceneId}\n${band}\n${format}`;
    const memo = this.located.get(memoKey);
    if (memo && this.now() - memo.at < LOCATION_TTL_MS) return memo.location;

    const item = await this.scene(sceneId, signal);
    const assetKey = selectAssetKey(item, band, format);
    const asset = item.assets[assetKey];
    let location: AssetLocation = { sceneId, assetKey, asset, url: unsignedHref(asset.href), alternate: false };
    if (needsAlternateRoute(asset.href)) location = (await this.alternateOf(item, location, format, signal)) ?? location;

    if (this.located.size >= MAX_LOCATIONS) this.located.clear();
    this.located.set(memoKey, { at: this.now(), location });
    return location;
  }

  async resolve(sceneId: string, bands: readonly string[], options: { format: AssetFormat; proxyBase: string; signal?: AbortSignal }): Promise<SceneAssets> {
    const item = await this.scene(sceneId, options.signal);
    const assets: Record<string, ResolvedAsset> = {};
    for (const band of bands) {
      const location = await this.locate(sceneId, band, options.format, options.signal);
      const base = { type: location.asset.type ?? null, gsd: assetGsd(item, location.asset), asset: location.assetKey };
      if (this.deps.offline() || this.deps.bytes.hasHeader(location.url)) {
        assets[band] = { ...base, href: options.proxyBase + proxyPath(sceneId, location.assetKey), expires_at: null, route: 'cache' };
      } else if (this.deps.signer.needsSigning(location.url)) {
        const signed = await this.deps.signer.sign(location.url);
        assets[band] = { ...base, href: signed.href, expires_at: signed.expiresAt, route: location.alternate ? 'alternate' : 'signed' };
      } else {
        assets[band] = { ...base, href: location.url, expires_at: null, route: location.alternate ? 'alternate' : 'public' };
      }
    }
    return { scene: sceneId, assets };
  }

  /** Forgets remembered locations (after the items cache was cleared). */
  forget(): void {
    this.located.clear();
  }

  private async alternateOf(item: StacItem, original: AssetLocation, format: AssetFormat, signal?: AbortSignal): Promise<AssetLocation | null> {
    for (const candidate of alternateSceneIds(item)) {
      const other = await this.deps.getScene(candidate, signal).catch(() => null);
      if (!other) continue;
      const key = [original.assetKey, ...commonNames(original.asset)].map((name) => tryKey(other, name, format)).find(Boolean);
      if (!key) continue;
      const asset = other.assets[key];
      return { ...original, asset: { ...original.asset, href: asset.href, type: asset.type ?? original.asset.type }, url: unsignedHref(asset.href), alternate: true };
    }
    return null;
  }
}

function commonNames(asset: StacAsset): string[] {
  return (asset['eo:bands'] ?? []).map((b) => b.common_name).filter((n): n is string => typeof n === 'string');
}

function tryKey(item: StacItem, band: string, format: AssetFormat): string | null {
  try {
    return selectAssetKey(item, band, format);
  } catch {
    return null;
  }
}
