/**
 * Access tokens of the fake openEO back-end, as openEO clients send them (API 1.2):
 * `Authorization: Bearer basic//<token>` after `GET /credentials/basic`, or
 * `Bearer oidc/<provider id>/<access token>` with a token from the fake OIDC provider.
 * The test decides when tokens stop working (`expireAll()`), never the clock.
 */
import { randomBytes } from 'node:crypto';

export type TokenKind = 'basic' | 'oidc';

interface IssuedToken { kind: TokenKind; user: string; expired: boolean }

export type AuthCheck =
  | { ok: true; user: string; kind: TokenKind }
  | { ok: false; code: 'AuthenticationRequired' | 'AuthenticationSchemeInvalid' | 'TokenInvalid' };

export class AccessTokens {
  private readonly issued = new Map<string, IssuedToken>();

  constructor(readonly oidcProviderId: string) {}

  issue(kind: TokenKind, user: string): string {
    const token = `${kind}-${randomBytes(12).toString('hex')}`;
    this.issued.set(token, { kind, user, expired: false });
    return token;
  }

  /** Every token issued so far stops working (a token that expires mid-job). New ones work. */
  expireAll(): void {
    for (const token of this.issued.values()) token.expired = true;
  }

  /** How many tokens were issued, per kind (e.g. to see that a client refreshed once). */
  count(kind: TokenKind): number {
    return [...this.issued.values()].filter((token) => token.kind === kind).length;
  }

  /** Reads an `Authorization` header the way an openEO 1.2 back-end does. */
  check(header: string | undefined): AuthCheck {
    if (!header) return { ok: false, code: 'AuthenticationRequired' };
    const match = /^Bearer (basic|oidc)\/([^/]*)\/(.+)$/.exec(header);
    if (!match) return { ok: false, code: header.startsWith('Bearer ') ? 'TokenInvalid' : 'AuthenticationSchemeInvalid' };
    const [, kind, provider, token] = match;
    if ((kind === 'basic' && provider !== '') || (kind === 'oidc' && provider !== this.oidcProviderId)) return { ok: false, code: 'TokenInvalid' };
    const issued = this.issued.get(token);
    if (!issued || issued.kind !== kind || issued.expired) return { ok: false, code: 'TokenInvalid' };
    return { ok: true, user: issued.user, kind: issued.kind };
  }
}

/** Parses `Authorization: Basic base64(user:password)`. */
export function basicCredentials(header: string | undefined): { user: string; password: string } | undefined {
  const match = header ? /^Basic ([A-Za-z0-9+/=]+)$/.exec(header) : null;
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
