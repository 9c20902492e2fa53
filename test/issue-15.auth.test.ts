// Issue 15: writes without the token. The token check used to read the raw URL while the router reads the decoded
// one, so "POST /%61pi/articles" stored an article without a token. Every write route, in every spelling that
// reaches its handler, must answer 401 without the token and with a wrong one, and leave the database unchanged.
// Raw HTTP over a socket, so the request line is sent exactly as written (fetch would normalise it).
import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/server/app.js';
import type { SqliteStore } from '../src/store/sqlite.js';
import { seeded } from './workspace-helpers.js';

const TOKEN = 'issue-15-token-0123456789';
let app: FastifyInstance;
let store: SqliteStore;
let port = 0;
let eventId = 0;

function raw(method: string, target: string, headers: Record<string, string>, body = ''): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1');
    let data = '';
    sock.setEncoding('utf8');
    sock.on('data', (d) => (data += d));
    sock.on('error', reject);
    sock.on('end', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, text: data });
    });
    const lines = [`${method} ${target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close', `Content-Length: ${Buffer.byteLength(body)}`];
    for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
    sock.write(lines.join('\r\n') + '\r\n\r\n' + body);
  });
}

/** Every spelling of a path that a lenient router might map to the same route. */
function variants(path: string): string[] {
  const rest = path.slice('/api'.length);
  return [
    path,
    `/%61pi${rest}`,
    `/%61%70%69${rest}`,
    `//api${rest}`,
    `/api/${rest}`,
    `/./api${rest}`,
    `/x/../api${rest}`,
    `/API${rest}`,
    `/Api${rest}`,
    `${path}/`,
    `${path}?x=1`,
    `http://127.0.0.1:${port}${path}`,
    `http://127.0.0.1:${port}/%61pi${rest}`,
  ];
}

async function snapshot(): Promise<string> {
  const page = await store.listEvents({}, { sort: 'date', order: 'asc', limit: 500 });
  const articles = await store.listArticles({}, { limit: 500 });
  return JSON.stringify([page, articles]);
}

beforeAll(async () => {
  const s = await seeded();
  store = s.store;
  eventId = s.added['baghouz-wire-a'].eventIds[0]!;
  app = await buildServer({ store, token: TOKEN, version: 't', modelVersion: 'm', webDir: null });
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as { port: number }).port;
});

afterAll(async () => {
  await app?.close();
});

describe('issue 15: no write without the token, however the path is spelled', () => {
  it('refuses every write route in every spelling, without a token and with a wrong one, and changes nothing', async () => {
    const before = await snapshot();
    const writes: [string, string, string][] = [
      ['POST', '/api/articles', JSON.stringify({ text: 'Gunmen killed two farmers in Kaduna on Monday.' })],
      ['POST', `/api/events/${eventId}/reject`, JSON.stringify({ reviewer: 'mallory' })],
      ['POST', `/api/events/${eventId}/accept`, JSON.stringify({ reviewer: 'mallory' })],
      ['PATCH', `/api/events/${eventId}`, JSON.stringify({ fatalities: 99 })],
      ['POST', `/api/events/${eventId}/merge`, JSON.stringify({ into: eventId })],
      ['POST', `/api/events/${eventId}/split`, '{}'],
    ];
    const seen: string[] = [];
    for (const [method, path, body] of writes) {
      for (const target of variants(path)) {
        for (const auth of [null, 'Bearer wrong-token', `Basic ${Buffer.from('x:' + TOKEN).toString('base64')}`]) {
          const headers: Record<string, string> = { 'Content-Type': 'application/json' };
          if (auth) headers['Authorization'] = auth;
          const r = await raw(method, target, headers, body);
          // 401 when the spelling reaches the route; 400 or 404 when it reaches nothing. Never a success.
          expect([400, 401, 404], `${method} ${target} (${auth ?? 'no token'}): ${r.text.slice(0, 200)}`).toContain(r.status);
          seen.push(`${r.status}`);
        }
        // Method override headers do not turn a read into a write or a write into a read.
        const o = await raw('POST', target, { 'Content-Type': 'application/json', 'X-HTTP-Method-Override': 'GET' }, body);
        expect([400, 401, 404], `override ${target}`).toContain(o.status);
      }
    }
    // The encoded spelling reaches the handler (it was the hole): it must have been refused with 401, not 404.
    const encoded = await raw('POST', '/%61pi/articles', { 'Content-Type': 'application/json' }, writes[0]![2]);
    expect(encoded.status).toBe(401);
    expect(seen.filter((s) => s === '401').length).toBeGreaterThan(writes.length * 3);
    expect(await snapshot()).toBe(before);
  });

  it('still accepts a write with the right token on the plain path', async () => {
    const r = await raw('POST', `/api/events/${eventId}/reject`, { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` }, JSON.stringify({ reviewer: 'ana' }));
    expect(r.status, r.text).toBe(200);
  });
});
