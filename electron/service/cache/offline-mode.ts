/**
 * The offline switch: starts from config `offline` (ASTRA_OFFLINE=1) and can be flipped at run
 * time (`PUT /api/v1/settings {"offline": true}`). It writes through to `config.offline`, so every
 * reader of the config (e.g. /health) sees the same value.
 */
import type { ServiceConfig } from '../config';

export class OfflineMode {
  constructor(private readonly config: Pick<ServiceConfig, 'offline'>) {}

  get enabled(): boolean {
    return this.config.offline;
  }

  set(enabled: boolean): void {
    this.config.offline = enabled;
  }

  /** A bound getter for the components that only read it. */
  readonly isOffline = (): boolean => this.config.offline;
}
