/**
 * COG headers of scene assets, probed once and remembered (an asset of a scene never changes):
 * area jobs read the headers of every band and mask of every scene, and a preview followed by
 * the job, or a second job over the same scenes, need them again. Bounded; a failed probe is
 * forgotten so the next job tries again.
 */
import type { AssetByteSource, AssetRef } from '../../../assets/asset-bytes';
import { probeCog, type CogProbe } from '../../grid/cog-probe';

const MAX_ENTRIES = 4096;

export class CogProbeCache {
  private readonly entries = new Map<string, Promise<CogProbe>>();

  constructor(private readonly bytes: Pick<AssetByteSource, 'read'>, private readonly max = MAX_ENTRIES) {}

  /** The probe of `asset` (probeCog's errors, naming `label` and `parameter`). */
  probe(asset: AssetRef, label: string, parameter: string, signal?: AbortSignal): Promise<CogProbe> {
    const key = `${asset.scene}\n${asset.asset}`;
    const known = this.entries.get(key);
    if (known) return known;
    const pending = probeCog(this.bytes, asset, label, parameter, signal);
    this.entries.set(key, pending);
    pending.catch(() => this.entries.delete(key));
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return pending;
  }
}
