/**
 * Signed, expiring links to batch job result files. openEO clients download result assets without
 * an Authorization header (@openeo/js-client's downloadResults sends none), so the link itself
 * carries the permission: `?run=<ASTRA job id>&expires=<unix seconds>&sig=<HMAC-SHA256>` over the
 * openEO job, the run, the file and the expiry, with a secret kept in the data dir. A link is
 * refused with 410 ResultLinkExpired once it is past its expiry or the job was run again since
 * (its run is not the job's current one); a link whose signature does not match was not issued
 * here and is refused with 403. Pure apart from the clock.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { OpenEoError } from '../graph';

/** How long a listed result link works; GET /jobs/{id}/results hands out fresh ones every time. */
export const RESULT_LINK_TTL_SECONDS = 24 * 60 * 60;

export interface ResultLinkParts {
  jobId: string;
  /** The ASTRA job whose files the link serves. */
  run: string;
  /** The result file's name, e.g. `result.tif`. */
  file: string;
}

export interface SignedQuery {
  run: string;
  expires: number;
  sig: string;
}

export class ResultLinkSigner {
  constructor(private readonly secret: string, private readonly now: () => number = Date.now) {}

  private signature(parts: ResultLinkParts, expires: number): string {
    return createHmac('sha256', this.secret).update(`${parts.jobId}\n${parts.run}\n${parts.file}\n${expires}`).digest('base64url');
  }

  /** The query of a fresh link and when it expires (RFC 3339). */
  sign(parts: ResultLinkParts): { query: SignedQuery; expiresAt: string } {
    const expires = Math.floor(this.now() / 1000) + RESULT_LINK_TTL_SECONDS;
    return { query: { run: parts.run, expires, sig: this.signature(parts, expires) }, expiresAt: new Date(expires * 1000).toISOString() };
  }

  /** Throws unless the query carries a signature this back-end made for this job and file. */
  checkSignature(jobId: string, file: string, query: { run?: unknown; expires?: unknown; sig?: unknown }): void {
    const { run, sig } = query;
    const expires = expiryOf(query.expires);
    if (typeof run !== 'string' || typeof sig !== 'string' || expires === null) {
      throw new OpenEoError('PermissionsInsufficient', 'This result link is incomplete: it needs run, expires and sig as GET /jobs/{job_id}/results lists them.');
    }
    const expected = Buffer.from(this.signature({ jobId, run, file }, expires));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new OpenEoError('PermissionsInsufficient', 'This result link was not issued by this back-end (its signature does not match); request the results again.');
    }
  }

  /** Throws ResultLinkExpired when a (signed) link is past its expiry or was issued for another run than `currentRun`. */
  checkFresh(query: { run?: unknown; expires?: unknown }, currentRun: string | null): void {
    const expires = expiryOf(query.expires);
    if (expires === null || expires * 1000 <= this.now() || query.run !== currentRun) {
      throw new OpenEoError('ResultLinkExpired', 'The link to the batch job result has expired (or the job has been run again since). Please request the results again.');
    }
  }
}

function expiryOf(value: unknown): number | null {
  const n = typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : typeof value === 'number' ? value : NaN;
  return Number.isSafeInteger(n) ? n : null;
}
