/**
 * Scene assets: `GET /api/v1/scenes/{id}/assets?bands=…&format=cog` resolves download urls
 * (asset-resolver.ts) — without `bands`, `format=cog` resolves every COG asset, so clients never
 * decide themselves which assets are COGs — and `GET|HEAD /api/v1/scenes/{id}/assets/{band}/cog`
 * serves the asset's bytes from the asset byte source (assets/asset-bytes.ts: the COG byte cache,
 * upstream behind it) with Range, ETag and Content-Length — what geotiff.js in the renderer and
 * outside clients read, online or off.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ResponseOf, RouteGeneric } from '../../api/contract';
import { invalidParameter, isAppError } from '../../api/errors';
import { isCogAsset } from '../../assets/select-asset';
import type { StacItem } from '../../stac/types';
import type { ServiceContext } from '../../service-context';
import { PROXY_RETRY_AFTER_S, ProxyAdmission, type ProxyPass } from '../proxy-admission';
import { abortOnClose } from '../abort-on-close';
import { answerConditionalRange } from '../conditional-range';

const MAX_BANDS = 32;
/** Ranges up to this size are answered from one buffer; larger ones are streamed in chunks. */
const BUFFERED_BYTES = 4 * 1024 * 1024;

function parseBands(raw: string): string[] {
  const bands = [...new Set(raw.split(',').map((b) => b.trim()))];
  if (bands.some((b) => b === '')) throw invalidParameter('bands', 'must be comma-separated band names, e.g. B04,nir');
  if (bands.length > MAX_BANDS) throw invalidParameter('bands', `at most ${MAX_BANDS} bands`);
  return bands;
}

/** The item's COG assets (at most MAX_BANDS), by asset key. */
function cogAssetKeys(item: StacItem): string[] {
  return Object.entries(item.assets).filter(([key, asset]) => isCogAsset(key, asset)).map(([key]) => key).slice(0, MAX_BANDS);
}

/** Strong validator of the proxied bytes: changes whenever the upstream url, size or ETag does. */
function proxyEtag(url: string, size: number, upstreamEtag: string | null): string {
  return `"${createHash('sha256').update(`${url}\n${size}\n${upstreamEtag ?? ''}`).digest('base64url').slice(0, 27)}"`;
}

function mediaType(declared: string | undefined, upstream: string | null): string {
  return declared?.split(';')[0].trim() || upstream?.split(';')[0].trim() || 'application/octet-stream';
}

export function assetRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const { assets, assetBytes } = ctx.cache;

  app.get<RouteGeneric<'GET /api/v1/scenes/{id}/assets'>>('/api/v1/scenes/:id/assets', {
    config: { access: 'read' },
    schema: {
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { bands: { type: 'string', minLength: 1, maxLength: 1000 }, format: { type: 'string', enum: ['cog'] } },
      },
    },
  }, async (request, reply): Promise<ResponseOf<'GET /api/v1/scenes/{id}/assets'>> => {
    const { bands: listed, format = 'any' } = request.query;
    if (listed === undefined && format !== 'cog') throw invalidParameter('bands', 'is required (or send format=cog alone for every COG asset)');
    const signal = abortOnClose(reply);
    const bands = listed === undefined ? cogAssetKeys(await assets.scene(request.params.id, signal)) : parseBands(listed);
    const proxyBase = `${request.protocol}://${request.headers.host}`;
    return assets.resolve(request.params.id, bands, { format, proxyBase, signal });
  });

  const admission = new ProxyAdmission({ maxRequests: ctx.config.proxyMaxRequests, maxBufferedBytes: ctx.config.proxyMaxBufferedBytes });

  /** Answers within the proxy's bounds (proxy-admission.ts): 429 with Retry-After beyond them. */
  const serveCog = async (request: FastifyRequest<{ Params: { id: string; band: string } }>, reply: FastifyReply) => {
    let pass: ProxyPass;
    try {
      pass = admission.enter();
    } catch (error) {
      reply.header('retry-after', String(PROXY_RETRY_AFTER_S));
      throw error;
    }
    reply.raw.once('close', pass.release);
    try {
      return await answerCog(request, reply, pass);
    } catch (error) {
      if (isAppError(error) && error.code === 'rate_limited') reply.header('retry-after', String(PROXY_RETRY_AFTER_S));
      throw error;
    }
  };

  const answerCog = async (request: FastifyRequest<{ Params: { id: string; band: string } }>, reply: FastifyReply, pass: ProxyPass) => {
    const signal = abortOnClose(reply);
    const file = await assetBytes.file({ scene: request.params.id, asset: request.params.band }, signal);
    const { location } = file;
    reply.header('cache-control', 'private, max-age=3600');
    const answer = answerConditionalRange(request, reply, { size: file.size, etag: proxyEtag(location.url, file.size, file.etag), what: 'this asset' });
    if (answer.kind === 'not-modified') return reply.send();
    const { start, end } = answer;
    reply.type(mediaType(location.asset.type, file.contentType));
    if (request.method === 'HEAD' || end < start) return reply.send();
    // A buffered answer holds its bytes at once; a streamed one a chunk at a time.
    pass.reserve(Math.min(end - start + 1, BUFFERED_BYTES));
    if (end - start + 1 <= BUFFERED_BYTES) return reply.send(await assetBytes.readFile(file, start, end, { signal }));
    return reply.send(Readable.from(assetBytes.chunks(file, start, end, { signal })));
  };

  // HEAD is declared explicitly (not fastify's auto-HEAD) so it answers from the cache without reading bytes.
  // Not rate-limited: a map preview or a job makes hundreds of small Range reads, answered from the
  // block cache, and upstream fetches are already deduplicated per block.
  app.route({ method: ['GET', 'HEAD'], url: '/api/v1/scenes/:id/assets/:band/cog', exposeHeadRoute: false, config: { access: 'read', rateLimit: false }, handler: serveCog });
}

