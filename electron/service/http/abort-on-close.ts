/** Cancellation for upstream work done on behalf of one HTTP request. */
import type { FastifyReply } from 'fastify';

/**
 * Aborts when the client goes away before its answer was sent. The reply, not the request, tells:
 * a request stream closes (and is destroyed) as soon as its body has been read, which says
 * nothing about the client.
 */
export function abortOnClose(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}
