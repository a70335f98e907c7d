/**
 * A client that stalls does not hold a connection: half the headers, a body sent a byte at a
 * time, or nothing at all. With short limits (ASTRA_REQUEST_TIMEOUT_MS, ASTRA_IDLE_TIMEOUT_MS)
 * the service answers a stalled request with a 408 JSON error and closes the socket, closes a
 * silent or idle keep-alive connection, and keeps serving everyone else.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../helpers/test-service';

interface RawExchange {
  socket: Socket;
  /** Everything the server sent until it closed the connection. */
  closed: Promise<string>;
}

function open(port: number): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (chunk) => { data += chunk.toString('latin1'); });
    const closed = new Promise<string>((done) => socket.on('close', () => done(data)));
    socket.once('connect', () => resolve({ socket, closed }));
    socket.once('error', reject);
  });
}

function jsonBody(reply: string): { error: { code: string; message: string } } {
  return JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4)) as { error: { code: string; message: string } };
}

describe('a request that is not sent in time', () => {
  let svc: TestService;
  // Idle limit far above the request limit, so what closes these connections is the request deadline.
  beforeAll(async () => { svc = await startTestService({}, { ASTRA_REQUEST_TIMEOUT_MS: '1000', ASTRA_IDLE_TIMEOUT_MS: '60000' }); });
  afterAll(async () => { await svc?.close(); });

  it('half the headers: 408 JSON, then the socket is closed', async () => {
    const { socket, closed } = await open(svc.port);
    socket.write(`GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1:${svc.port}\r\nX-Partial: `);
    const reply = await closed;
    expect(reply.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
    expect(reply).toMatch(/content-type: application\/json/i);
    expect(jsonBody(reply).error.code).toBe('request_timeout');
  }, 20_000);

  it('a body trickling in a byte at a time (never idle) is cut off at the request deadline', async () => {
    const { socket, closed } = await open(svc.port);
    socket.write(`POST /api/v1/search HTTP/1.1\r\nHost: 127.0.0.1:${svc.port}\r\nAuthorization: Bearer ${svc.key}\r\n`
      + 'Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{');
    let sent = 1;
    const trickle = setInterval(() => {
      if (!socket.destroyed && socket.writable) socket.write(' ');
      sent += 1;
    }, 50);
    try {
      const reply = await closed;
      expect(reply.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
      expect(jsonBody(reply).error.code).toBe('request_timeout');
      expect(sent).toBeLessThan(100_000);
    } finally {
      clearInterval(trickle);
    }
  }, 20_000);

  it('nothing at all: the connection is closed', async () => {
    const { closed } = await open(svc.port);
    const reply = await closed;
    expect(reply.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
    expect(jsonBody(reply).error.code).toBe('request_timeout');
  }, 20_000);

  it('keeps serving other clients', async () => {
    const response = await svc.api('/api/v1/health');
    expect(response.status).toBe(200);
  });
});

describe('an idle connection', () => {
  let svc: TestService;
  beforeAll(async () => { svc = await startTestService({}, { ASTRA_REQUEST_TIMEOUT_MS: '60000', ASTRA_IDLE_TIMEOUT_MS: '1000' }); });
  afterAll(async () => { await svc?.close(); });

  it('is closed after a keep-alive answer once it stays quiet', async () => {
    const { socket, closed } = await open(svc.port);
    socket.write(`GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1:${svc.port}\r\nConnection: keep-alive\r\n\r\n`);
    const reply = await closed;
    expect(reply.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
    expect(reply).toContain('"status":"ok"');
  }, 20_000);

  it('is closed when a client connects and says nothing', async () => {
    const { closed } = await open(svc.port);
    expect(await closed).toBe('');
  }, 20_000);
});
