/**
 * Processing and results of the fake back-end: `POST /result` (synchronous), `POST|GET|DELETE
 * /jobs/{id}/results` (start, list as a STAC Collection, cancel) and the signed download URLs the
 * listing hands out. Downloads need no Authorization header — @openeo/js-client sends none for
 * assets — only the URL's signature, which `expireResultLinks` invalidates (410 ResultLinkExpired).
 */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendFile, servedFile } from '../fake-upstream/file-server';
import { apiUrl, DOWNLOAD_PREFIX, type FakeContext, type Route } from './fake-context';
import { acceptedProcess, ownJob } from './job-routes';
import type { FakeJob } from './job-store';
import { CORS_HEADERS, sendEmpty, sendError, sendJson } from './openeo-http';

const COG_TYPE = 'image/tiff; application=geotiff; profile=cloud-optimized';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first `load_collection` of the job's graph: its extents describe the results. */
function loadArguments(job: FakeJob): Record<string, unknown> {
  const graph = isObject(job.process.process_graph) ? job.process.process_graph : {};
  const node = Object.values(graph).find((candidate) => isObject(candidate) && candidate.process_id === 'load_collection');
  return isObject(node) && isObject(node.arguments) ? node.arguments : {};
}

function extent(job: FakeJob): { spatial: { bbox: number[][] }; temporal: { interval: Array<Array<string | null>> } } {
  const args = loadArguments(job);
  const box = isObject(args.spatial_extent) ? args.spatial_extent : {};
  const bbox = ['west', 'south', 'east', 'north'].every((key) => typeof box[key] === 'number')
    ? [box.west, box.south, box.east, box.north] as number[]
    : [-180, -90, 180, 90];
  const temporal = Array.isArray(args.temporal_extent) ? args.temporal_extent : [];
  const instant = (value: unknown): string | null => (typeof value === 'string' ? new Date(value).toISOString() : null);
  return { spatial: { bbox: [bbox] }, temporal: { interval: [[instant(temporal[0]), instant(temporal[1])]] } };
}

function resultsDocument(job: FakeJob, context: FakeContext): Record<string, unknown> {
  const assets = Object.fromEntries(job.assets.map((asset) => [asset.name, {
    href: `${context.origin}${DOWNLOAD_PREFIX}/${job.id}/${encodeURIComponent(asset.name)}?sig=${job.signature}`,
    type: asset.type ?? COG_TYPE, roles: ['data'], title: asset.title ?? asset.name,
    'file:size': statSync(asset.file).size, ...asset.extra,
  }]));
  return {
    stac_version: '1.0.0', type: 'Collection', id: job.id,
    stac_extensions: ['https://stac-extensions.github.io/file/v2.1.0/schema.json'],
    title: job.title ?? `Results of ${job.id}`, description: job.description ?? 'Batch job results of the fake openEO back-end.',
    license: 'proprietary', extent: extent(job), 'openeo:status': job.status === 'finished' ? 'finished' : 'running',
    assets,
    links: [{ rel: 'self', href: `${apiUrl(context)}/jobs/${job.id}/results`, type: 'application/json' }],
  };
}

export const resultRoutes = (): Route[] => [
  {
    method: 'POST', template: '/result', auth: true,
    handler: (exchange, context) => {
      if (!acceptedProcess(exchange, context)) return;
      if (!context.syncResult) return sendError(exchange, context.contract, 'ProcessGraphComplexity');
      const { file, type } = context.syncResult;
      exchange.res.writeHead(200, { ...CORS_HEADERS, 'content-type': type, 'content-length': statSync(file).size });
      createReadStream(file).pipe(exchange.res);
    },
  },
  {
    method: 'POST', template: '/jobs/{job_id}/results', auth: true,
    handler: (exchange, context, params, user) => {
      const job = ownJob(exchange, context, params.job_id, user);
      if (!job) return;
      context.jobs.start(job);
      sendEmpty(exchange, context.contract, 202);
    },
  },
  {
    method: 'GET', template: '/jobs/{job_id}/results', auth: true,
    handler: (exchange, context, params, user) => {
      const job = ownJob(exchange, context, params.job_id, user);
      if (!job) return;
      if (job.status === 'error' && job.error) return sendJson(exchange, context.contract, 424, job.error);
      const partial = exchange.query.get('partial') === 'true';
      if (job.status !== 'finished' && !partial) return sendError(exchange, context.contract, 'JobNotFinished');
      sendJson(exchange, context.contract, 200, resultsDocument(job, context));
    },
  },
  {
    method: 'DELETE', template: '/jobs/{job_id}/results', auth: true,
    handler: (exchange, context, params, user) => {
      const job = ownJob(exchange, context, params.job_id, user);
      if (!job) return;
      context.jobs.cancel(job);
      sendEmpty(exchange, context.contract, 204);
    },
  },
];

/** `GET /download/{job_id}/{asset}?sig=…`: a result file, Range-capable, signed instead of authenticated. */
export function serveDownload(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams, context: FakeContext): void {
  const [jobId, name] = path.slice(DOWNLOAD_PREFIX.length + 1).split('/').map(decodeURIComponent);
  const job = context.jobs.find(jobId);
  const asset = job?.assets.find((candidate) => candidate.name === name);
  const fail = (status: number, code: string, message: string): void => {
    res.writeHead(status, { ...CORS_HEADERS, 'content-type': 'application/json' });
    res.end(JSON.stringify({ code, message }));
  };
  if (!job || !asset) return fail(404, 'NotFound', `no result file ${path}`);
  if (query.get('sig') !== job.signature) return fail(410, 'ResultLinkExpired', 'The link to the batch job result has expired. Please request the results again.');
  sendFile(req, res, servedFile(asset.file, asset.file, { contentType: asset.type ?? COG_TYPE }), query, { expirySeconds: 0, issued: new Map() });
}
