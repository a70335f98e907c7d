/**
 * Planetary Computer SAS signing (providers.md §2.7): one container token per storage
 * account/container from `{ASTRA_PC_SAS_URL}/token/{account}/{container}`, reused until 60 s
 * before its `msft:expiry`, fetched once for concurrent callers, dropped on demand (a 403/409
 * mid-download means it no longer works).
 */
import { AppError } from '../api/errors';
import { parseBlobUrl, withSasToken } from './blob-url';

export interface SignedHref {
  href: string;
  /** ISO 8601 expiry of the token. */
  expiresAt: string;
}

export interface SasSignerOptions {
  sasUrl: string;
  timeoutMs: number;
  fetch?: typeof fetch;
  now?: () => number;
  /** A token is renewed when it has less than this left (the PC SDK uses 60 s). */
  refreshMarginMs?: number;
}

interface Token {
  token: string;
  expiresAtMs: number;
}

export class SasSigner {
  /** Token requests made so far (observable in tests and the cache report). */
  tokenRequests = 0;
  private readonly tokens = new Map<string, Token>();
  private readonly pending = new Map<string, Promise<Token>>();
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;
  private readonly marginMs: number;

  constructor(private readonly options: SasSignerOptions) {
    this.fetchFn = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
    this.marginMs = options.refreshMarginMs ?? 60_000;
  }

  needsSigning(href: string): boolean {
    return parseBlobUrl(href) !== null;
  }

  async sign(href: string): Promise<SignedHref> {
    const blob = parseBlobUrl(href);
    if (!blob) throw new AppError('internal', `not a Planetary Computer blob url: ${href}`);
    const key = `${blob.account}/${blob.container}`;
    let token = this.tokens.get(key);
    if (!token || token.expiresAtMs - this.marginMs <= this.now()) {
      token = await this.fetchToken(key);
    }
    return { href: withSasToken(href, token.token), expiresAt: new Date(token.expiresAtMs).toISOString() };
  }

  /** Forgets the token of `href`'s container, so the next sign fetches a new one. */
  invalidate(href: string): void {
    const blob = parseBlobUrl(href);
    if (blob) this.tokens.delete(`${blob.account}/${blob.container}`);
  }

  /** Shared by concurrent callers, so it runs under its own time limit rather than one caller's signal. */
  private fetchToken(key: string): Promise<Token> {
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.requestToken(key).finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    return pending;
  }

  private async requestToken(key: string): Promise<Token> {
    const url = `${this.options.sasUrl.replace(/\/+$/, '')}/token/${key}`;
    this.tokenRequests += 1;
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    let response: Response;
    try {
      response = await this.fetchFn(url, { signal: timeout, headers: { accept: 'application/json' } });
    } catch (error) {
      const code = timeout.aborted ? 'upstream_timeout' : 'upstream_error';
      throw new AppError(code, `Planetary Computer SAS token for ${key} could not be fetched: ${(error as Error).message}`, { cause: error });
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new AppError('upstream_error', `Planetary Computer SAS token for ${key}: HTTP ${response.status}`);
    }
    const body = (await response.json().catch(() => null)) as { token?: unknown; 'msft:expiry'?: unknown } | null;
    const expiresAtMs = typeof body?.['msft:expiry'] === 'string' ? Date.parse(body['msft:expiry']) : NaN;
    if (typeof body?.token !== 'string' || !body.token || Number.isNaN(expiresAtMs)) {
      throw new AppError('upstream_error', `Planetary Computer SAS token for ${key}: unexpected response`);
    }
    const token = { token: body.token, expiresAtMs };
    this.tokens.set(key, token);
    return token;
  }
}
