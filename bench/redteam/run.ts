// Red-team benchmark: re-measures from outside what the red team found against a fresh dev server. Starts its own
// `wrangler dev` (port 8793, inspector 9255, a fresh state directory migrated and seeded with the demo as
// `bun run dev` does), signs in as the demo's companies (Acme = tenant A, Globex = tenant B), an expert and the
// admin, signs up an outsider company and expert, creates what it needs through the API, then counts:
//   1. cross-tenant: every OpenAPI operation with a path id, called by other tenants (JWTs and an API key) on
//      A's ids, listed from A's own lists, with bodies that pass validation; `?engagement_id=` and other `*_id`
//      filters with A's ids; MCP tools and resources with A's ids. Leak = a 2xx (or data of A) on A's resource.
//   2. fuzz: every operation, FUZZ_RUNS hostile requests each (fast-check, seeded): fc.anything()/jsonValue
//      roots, valid bodies with one field replaced or removed, malformed JSON, wrong types and content types,
//      bodies over the limit, 3,000–20,000-deep nesting, hostile path ids and query values. 5xx must be 0, and every
//      4xx application/problem+json.
//   3. forged JWTs (alg none, wrong key, expired, not yet valid, tampered payload, alg confusion, claims the
//      database does not back, a disabled user's token, malformed): anything but 401 is a failure.
//   4. SSRF: private/loopback/link-local/metadata URLs in every notation, through extractions, extraction
//      batches, webhook endpoints (create, update, test delivery), MCP upload_file and LEADS tasks, plus
//      redirects from an allowed host. A TCP canary on loopback ports 8794, 80 and 443 (none of them allowed in
//      EXTRACTION_ALLOWED_HOSTS / WEBHOOK_ALLOWED_HOSTS) must never see a connection. The allow-lists are the dev
//      defaults (.dev.vars.example) plus localhost:8789, the benchmark's own page that redirects to the canary.
//   5. Stripe webhook (signed with stripe.webhooks.generateTestHeaderStringAsync and this server's
//      STRIPE_WEBHOOK_SECRET): one event 20× at once, distinct events for one intent at once, racing refunds,
//      a double confirm, data.object null, bad and stale signatures; balances and credits must move once.
//   6. payouts: prepare and process runs (admin routes) 10× at once; no expert paid twice, per the API
//      (payouts, reconciliation) and the embedded provider's transfers in local D1.
//   7. WebSocket flood: WS_VALID room connections with a valid token, WS_INVALID with forged ones, another
//      tenant's token; /health must stay up.
// The local wrangler proxy sometimes resets a connection under load (ECONNRESET, or its 503 "restarted
// mid-request"): each is retried once and counted as a local proxy reset, not as a failure. A 4xx without
// X-Request-Id came from the local runtime before the Worker (a 431 for a 70 KB URL): counted apart too.
// Usage: bun bench/redteam/run.ts [fuzz runs per operation=20] [ws valid=200] [ws invalid=50] [seed=20261207]
// (REDTEAM_TRACE=1 sends one request at a time and prints each fuzz request, to match the Worker's log lines.)
// Exit code 0 when every check found nothing; 1 otherwise. Defects' reproductions go to $TMPDIR/redteam-defects.json.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sign } from 'hono/jwt';
import Stripe from 'stripe';
import { DEMO_PASSWORD, demoId } from '../../scripts/demo-data';
import { demoSql } from '../../scripts/seed';
import { devServer } from '../lib/dev-server';
import {
  createClient,
  type Defect,
  pool,
  type Reply,
  recordDefect,
  resumeCheck,
  type SendOptions,
  setup,
  startCheck,
  type Tally,
  tallies,
} from './http';
import {
  currentIsoWeek,
  deepJson,
  deepObjectJson,
  hostileSource,
  MALFORMED_JSON,
  mutate,
  NASTY_STRINGS,
  type OpenApi,
  previousIsoWeek,
  SAFE_URL,
  type Schema,
  sample,
} from './sample';

const FUZZ_RUNS = Number(process.argv[2] ?? 20);
const WS_VALID = Number(process.argv[3] ?? 200);
const WS_INVALID = Number(process.argv[4] ?? 50);
const SEED = Number(process.argv[5] ?? 20261207);
const PORT = 8793;
const INSPECTOR = 9255;
/** An allowed host of our own (the dev config's allow-lists plus this): a page, links and redirects to the canary. */
const HELPER_PORT = 8789;
const CANARY_PORTS = [8794, 80, 443];
/** REDTEAM_TRACE=1: one request at a time, each fuzz request printed (to match the Worker's own log lines). */
const TRACE = Boolean(process.env.REDTEAM_TRACE);
const CONCURRENCY = TRACE ? 1 : 8;
const started = performance.now();

const random = (bytes: number) => Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('hex');
const JWT_SECRET = `redteam-${random(24)}`;
const STRIPE_WEBHOOK_SECRET = `whsec_redteam${random(16)}`;
const RESEND_WEBHOOK_SECRET = `whsec_${Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString('base64')}`;
const ALLOWED_EXTRACTION = `localhost:8790,localhost:8791,localhost:${HELPER_PORT}`;
const ALLOWED_WEBHOOK = `localhost:8792,127.0.0.1:8792,localhost:${HELPER_PORT}`;
const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(0)} s] ${line}`);
const sleep = (ms: number) => Bun.sleep(ms);

// --- the canary: raw TCP on loopback ports nothing may reach; every connection is a hit
interface CanaryHit {
  port: number;
  at: string;
  data: string;
}
const canaryHits: CanaryHit[] = [];
const canaryPorts: number[] = [];
const canaries: { stop(): void }[] = [];
for (const port of CANARY_PORTS) {
  try {
    canaries.push(
      Bun.listen<{ port: number }>({
        hostname: '::',
        port,
        data: { port },
        socket: {
          open(socket) {
            canaryHits.push({ port: socket.data.port, at: new Date().toISOString(), data: '' });
          },
          data(socket, chunk) {
            const hit = canaryHits.findLast((h) => h.port === socket.data.port);
            if (hit && !hit.data) hit.data = chunk.toString('latin1').slice(0, 200);
            socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 6\r\n\r\ncanary');
            socket.end();
          },
        },
      }),
    );
    canaryPorts.push(port);
  } catch (error) {
    log(`canary: cannot listen on port ${port} (${String(error).slice(0, 80)}); not watched`);
  }
}

// --- the helper site on an allowed host: a harmless page, links to the canary, redirects to private targets
const REDIRECTS: Record<string, string> = {
  canary: 'http://127.0.0.1:8794/redirected',
  'canary-localhost': 'http://localhost:8794/redirected',
  'canary-v6': 'http://[::1]:8794/redirected',
  'canary-port80': 'http://127.0.0.1/redirected',
  'canary-https': 'https://127.0.0.1/redirected',
  'canary-decimal': 'http://2130706433/redirected',
  'canary-hex': 'http://0x7f000001/redirected',
  metadata: 'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
  private: 'http://10.0.0.1/',
  file: 'file:///etc/passwd',
  'nip-io': 'http://127.0.0.1.nip.io/redirected',
  relative: '//127.0.0.1:8794/relative',
};
const helperHits = new Map<string, number>();
const helper = Bun.serve({
  hostname: '::',
  port: HELPER_PORT,
  fetch(request) {
    const url = new URL(request.url);
    const hit = `${request.method} ${url.pathname}`;
    helperHits.set(hit, (helperHits.get(hit) ?? 0) + 1);
    const redirect = /^\/r\/(.+)$/.exec(url.pathname)?.[1];
    if (redirect && REDIRECTS[redirect]) {
      // 307 keeps a webhook's POST a POST; 302 for the crawler's GET
      return new Response(null, {
        status: request.method === 'GET' ? 302 : 307,
        headers: { location: REDIRECTS[redirect] as string },
      });
    }
    const chain = /^\/chain\/(\d+)$/.exec(url.pathname)?.[1];
    if (chain !== undefined)
      return new Response(null, { status: 302, headers: { location: `/chain/${Number(chain) + 1}` } });
    if (url.pathname === '/robots.txt')
      return new Response('User-agent: *\nAllow: /\nSitemap: http://127.0.0.1:8794/sitemap.xml\n');
    if (url.pathname === '/links')
      return html(
        '<h1>Muster GmbH</h1><a href="http://127.0.0.1:8794/impressum">Impressum</a>' +
          '<a href="http://localhost:8794/kontakt">Kontakt</a><a href="http://[::1]/about">Über uns</a>' +
          '<a href="http://169.254.169.254/latest/meta-data/">Datenschutz</a>' +
          '<a href="/r/canary">Impressum (2)</a><a href="/r/canary-port80">Kontakt (2)</a>' +
          '<link rel="canonical" href="http://127.0.0.1:8794/canonical">' +
          '<meta http-equiv="refresh" content="0; url=http://127.0.0.1:8794/refresh">',
      );
    return html('<h1>Red team</h1><p>Nothing to see. info@example.test</p>');
  },
});
function html(body: string) {
  return new Response(
    `<!doctype html><html><head><title>Red team</title></head><body>${body}</body></html>`,
    {
      headers: { 'content-type': 'text/html; charset=utf-8' },
    },
  );
}

// --- a fresh dev server, migrated and seeded like `bun run dev`
/** A wrangler command can fail for a moment while a concurrent `bun run dev` rebuilds web/dist (the assets
 * directory wrangler.toml names): tried again a few times before giving up. */
async function retried<T>(what: string, fn: () => T): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return fn();
    } catch (error) {
      if (attempt >= 5) throw error;
      log(`${what} failed (attempt ${attempt}), trying again: ${String(error).slice(0, 160)}`);
      await sleep(3_000);
    }
  }
}
const server = await retried('migrations', () => devServer('redteam', PORT, INSPECTOR));
const seedSql = await demoSql();
await retried('seeding', () => server.execute([seedSql]));
await server.start(
  {
    JWT_SECRET,
    STRIPE_WEBHOOK_SECRET,
    RESEND_WEBHOOK_SECRET,
    EXTRACTION_ALLOWED_HOSTS: ALLOWED_EXTRACTION,
    WEBHOOK_ALLOWED_HOSTS: ALLOWED_WEBHOOK,
  },
  (line) => {
    if (process.env.VERBOSE) console.log(line.slice(0, 300));
  },
);
const BASE = server.base;
const { send } = createClient(BASE);
log(`dev server up at ${BASE} (state ${server.state})`);

function stopAll() {
  for (const c of canaries) c.stop();
  helper.stop(true);
}

// --- the document, the people, and tenant A's resources
const doc: OpenApi = (await send('GET', '/v1/openapi.json')).json;
interface Operation {
  method: string;
  path: string;
  op: Schema;
}
const operations: Operation[] = Object.entries(doc.paths as Record<string, Record<string, Schema>>).flatMap(
  ([p, ops]) =>
    Object.entries(ops)
      .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map(([m, op]) => ({ method: m.toUpperCase(), path: p, op })),
);
log(`${operations.length} operations in /v1/openapi.json`);

async function login(email: string): Promise<string> {
  const reply = await send('POST', '/v1/auth/login', { body: { email, password: DEMO_PASSWORD } });
  if (reply.status !== 200) throw new Error(`login ${email}: ${reply.status} ${reply.text}`);
  return reply.json.token;
}
async function signup(body: Record<string, unknown>): Promise<{ token: string; userId: string }> {
  const reply = await send('POST', '/v1/auth/signup', { body });
  if (reply.status !== 201 && reply.status !== 200)
    throw new Error(`signup ${String(body.email)}: ${reply.status} ${reply.text}`);
  return { token: reply.json.token, userId: reply.json.user?.id };
}
function must(reply: Reply, what: string, ...ok: number[]): Reply {
  if (!ok.includes(reply.status)) throw new Error(`${what}: ${reply.status} ${reply.text.slice(0, 500)}`);
  return reply;
}

const admin = await login('admin@engage.test');
const acme = await login('ops@acme.test');
const globex = await login('ops@globex.test');
const anna = await login('anna@experts.test');
const ben = await login('ben@experts.test');
const tag = random(4);
const outsiderCo = await signup({
  type: 'company',
  company_name: `Outsider ${tag}`,
  name: 'Olga Outsider',
  email: `outsider-${tag}@example.test`,
  password: 'outsider-password',
});
const outsiderExpert = await signup({
  type: 'expert',
  name: 'Otto Outsider',
  email: `otto-${tag}@example.test`,
  password: 'outsider-password',
});
const doomed = await signup({
  type: 'company',
  company_name: `Doomed ${tag}`,
  name: 'Dora Doomed',
  email: `doomed-${tag}@example.test`,
  password: 'outsider-password',
});
// Its token stays well-formed and unexpired; the account is disabled at once (the forged-JWT check uses it).
must(
  await send('POST', `/v1/admin/users/${doomed.userId}/disable`, {
    token: admin,
    body: { reason: 'red team' },
  }),
  'disable doomed',
  200,
);
const globexKey = must(
  await send('POST', '/v1/api-keys', { token: globex, body: { name: 'red team', scopes: ['*'] } }),
  'globex api key',
  201,
).json.key as string;

const ACME_ORG = demoId('org', 'ACME');
const ACME_ENG = demoId('eng', 'ACMEANNA');
const GLOBEX_ENG = demoId('eng', 'GLOBEXBEN');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const INVOICE = [
  'Muster GmbH, Hauptstraße 1, 10115 Berlin',
  'Rechnung Nr. RT-2026-001',
  'Rechnungsdatum: 01.12.2026',
  'Netto: 100,00 EUR',
  'USt 19 %: 19,00 EUR',
  'Gesamtbetrag: 119,00 EUR',
].join('\n');
const upload = async (token: string, name: string) =>
  must(
    await send('POST', `/v1/files?purpose=attachment&name=${name}&engagement_id=${ACME_ENG}`, {
      token,
      raw: new Uint8Array(PNG),
      contentType: 'image/png',
    }),
    'upload',
    201,
  ).json.id as string;
const acmeFiles = [await upload(acme, 'a.png'), await upload(acme, 'b.png')];
const taskBody = {
  title: 'Red team invoice',
  module: 'CTAX',
  type: 'process_invoice',
  input: { text: INVOICE },
};
must(
  await send('POST', `/v1/engagements/${ACME_ENG}/tasks`, { token: acme, body: taskBody }),
  'acme task',
  202,
);
const acmePaid = must(
  await send('POST', `/v1/engagements/${ACME_ENG}/payments`, {
    token: acme,
    body: { amount: 5_000, currency: 'eur', description: 'red team' },
  }),
  'acme payment',
  201,
).json.id as string;
must(
  await send('POST', `/v1/payments/${acmePaid}/confirm`, {
    token: acme,
    body: { payment_method: 'pm_card_visa' },
  }),
  'acme confirm',
  200,
);
must(
  await send('POST', `/v1/engagements/${ACME_ENG}/payments`, {
    token: acme,
    body: { amount: 6_000, currency: 'eur', description: 'red team pending' },
  }),
  'acme pending payment',
  201,
);
must(await send('POST', '/v1/extractions', { token: acme, body: { url: SAFE_URL } }), 'acme extraction', 202);
must(
  await send('POST', '/v1/extraction-batches', { token: acme, body: { urls: [SAFE_URL, `${SAFE_URL}/2`] } }),
  'acme batch',
  202,
);
must(
  await send('POST', '/v1/webhook-endpoints', {
    token: acme,
    body: { url: SAFE_URL, events: ['task.completed'] },
  }),
  'acme endpoint',
  201,
);
must(
  await send('POST', '/v1/api-keys', { token: acme, body: { name: 'acme red team', scopes: ['*'] } }),
  'key',
  201,
);
await send('POST', '/v1/admin/emails/bulk', {
  token: admin,
  body: { template: 'announcement', subject: 'Red team', message: 'Hello', recipients: ['ops@acme.test'] },
});
// An engagement of A's that runs its course — accepted (its first period billed: an invoice document) and
// completed (a report document) — so A has documents to probe too.
const shortEngagement = must(
  await send('POST', '/v1/engagements', {
    token: acme,
    body: {
      expert_id: demoId('exp', 'ANNA'),
      title: 'Red team short engagement',
      modules: ['CTAX'],
      rate: { amount: 100_000, currency: 'eur', interval: 'month' },
    },
  }),
  'short engagement',
  201,
).json.id as string;
must(await send('POST', `/v1/engagements/${shortEngagement}/accept`, { token: anna }), 'accept', 200);
must(await send('POST', `/v1/engagements/${shortEngagement}/complete`, { token: acme }), 'complete', 200);
await sleep(4_000); // the queues: task processed, documents rendered, emails stored

const listIds = async (token: string, listPath: string, max = 4): Promise<string[]> => {
  const reply = await send('GET', listPath, { token });
  const rows = (reply.json?.data ?? []) as { id?: string }[];
  return rows.flatMap((r) => (typeof r.id === 'string' ? [r.id] : [])).slice(0, max);
};
const acmeRequestId =
  (await send('GET', '/v1/engagements', { token: acme })).headers.get('x-request-id') ?? 'req_unknown';
/** Tenant A's ids by kind, as A's own lists give them (payouts: Anna's, admin-only things: the admin's lists). */
const victim: Record<string, string[]> = {
  engagements: await listIds(acme, '/v1/engagements?limit=100', 6),
  tasks: await listIds(acme, '/v1/tasks?limit=100'),
  payments: await listIds(acme, '/v1/payments?limit=100'),
  files: await listIds(acme, '/v1/files?limit=100'),
  documents: await listIds(acme, '/v1/documents?limit=100'),
  extractions: await listIds(acme, '/v1/extractions?limit=100'),
  batches: await listIds(acme, '/v1/extraction-batches?limit=100'),
  webhooks: await listIds(acme, '/v1/webhook-endpoints?limit=100'),
  apiKeys: await listIds(acme, '/v1/api-keys?limit=100'),
  payouts: await listIds(anna, '/v1/payouts?limit=100'),
  emails: await listIds(admin, '/v1/admin/emails?limit=100&to=ops@acme.test'),
  bulk: await listIds(admin, '/v1/admin/emails/bulk?limit=100', 2),
  deadLetters: await listIds(admin, '/v1/admin/dead-letters?limit=100', 2),
  users: [demoId('usr', 'ACMEOPS'), demoId('usr', 'ANNA')],
  traces: [acmeRequestId],
};
const markers = new Set<string>([
  ACME_ORG,
  demoId('usr', 'ACMEOPS'),
  'ops@acme.test',
  ...Object.values(victim).flat(),
]);
for (const [kind, ids] of Object.entries(victim)) if (ids.length === 0) log(`note: tenant A has no ${kind}`);
log(
  `tenant A: ${Object.entries(victim)
    .map(([k, v]) => `${v.length} ${k}`)
    .join(', ')}`,
);

interface Attacker {
  name: string;
  token: string;
}
const attackers: Attacker[] = [
  { name: 'globex (company B, JWT)', token: globex },
  { name: 'globex (company B, API key)', token: globexKey },
  { name: 'outsider company (JWT)', token: outsiderCo.token },
  { name: 'outsider expert (JWT)', token: outsiderExpert.token },
];

// --- shared helpers for bodies
const bodySchemaOf = (op: Schema) => {
  const content = op.requestBody?.content ?? {};
  return content['application/json']?.schema as Schema | undefined;
};
const VALID_BODIES: Record<string, unknown> = {
  'POST /v1/engagements/{id}/tasks': taskBody,
  'POST /v1/engagements/{id}/tasks/batch': { tasks: [taskBody] },
  'POST /v1/tasks/{id}/review': { approve: true, notes: 'red team' },
  'POST /v1/engagements/{id}/payments': { amount: 5_000, currency: 'eur' },
  'POST /v1/payments/{id}/confirm': { payment_method: 'pm_card_visa' },
  'PATCH /v1/webhook-endpoints/{id}': { events: ['*'] },
  'POST /v1/webhook-endpoints/{id}/replay': { since: new Date(Date.now() - 86_400_000).toISOString() },
  'POST /v1/webhook-endpoints/{id}/test': {},
  'POST /v1/admin/users/{id}/disable': { reason: 'red team' },
};
/** MCP tool arguments that pass validation, so only tenancy can stop the call. */
const VALID_ARGS: Record<string, Record<string, unknown>> = {
  create_task: taskBody,
  review_task: { approve: true },
};
const validBody = (o: Operation): unknown => {
  const key = `${o.method} ${o.path}`;
  if (key in VALID_BODIES) return VALID_BODIES[key];
  const schema = bodySchemaOf(o.op);
  return schema ? sample(doc, schema) : undefined;
};
const fill = (p: string, values: Record<string, string>) =>
  p.replace(/\{([a-z_]+)\}/g, (_, name: string) => encodeURIComponent((values[name] ?? 'x').toWellFormed()));
const containsMarker = (text: string, except: string[] = []) =>
  [...markers].some((m) => !except.includes(m) && text.includes(m));

/** Which of A's id pools a path's `{id}` names; null for public routes (expert profiles). */
function kindOf(p: string): string | null {
  const rules: [RegExp, string | null][] = [
    [/^\/v1\/experts\/\{id\}/, null],
    [/^\/v1\/engagements\/\{id\}/, 'engagements'],
    [/^\/v1\/tasks\/\{id\}/, 'tasks'],
    [/^\/v1\/payments\/\{id\}/, 'payments'],
    [/^\/v1\/files\/\{id\}/, 'files'],
    [/^\/v1\/documents\/\{id\}/, 'documents'],
    [/^\/v1\/extractions\/\{id\}/, 'extractions'],
    [/^\/v1\/extraction-batches\/\{id\}/, 'batches'],
    [/^\/v1\/webhook-endpoints\/\{id\}/, 'webhooks'],
    [/^\/v1\/api-keys\/\{id\}/, 'apiKeys'],
    [/^\/v1\/payouts\/\{id\}/, 'payouts'],
    [/^\/v1\/admin\/emails\/bulk\/\{id\}/, 'bulk'],
    [/^\/v1\/admin\/emails\/\{id\}/, 'emails'],
    [/^\/v1\/admin\/dead-letters\/\{id\}/, 'deadLetters'],
    [/^\/v1\/admin\/trace\/\{request_id\}/, 'traces'],
    [/^\/v1\/admin\/users\/\{id\}/, 'users'],
  ];
  for (const [pattern, kind] of rules) if (pattern.test(p)) return kind;
  return 'unknown';
}

async function mcp(
  token: string,
  method: string,
  params: unknown,
  id = 1,
): Promise<{ reply: Reply; rpc: Schema }> {
  const reply = await send('POST', '/v1/mcp', {
    token,
    body: { jsonrpc: '2.0', id, method, params },
    headers: { accept: 'application/json, text/event-stream' },
  });
  return { reply, rpc: reply.json };
}

// ======================================================================================= 1. cross-tenant
interface CheckResult {
  check: string;
  requests: number;
  failures: number;
  failureLabel: string;
  notes: string;
  figures: Record<string, unknown>;
}
const results: CheckResult[] = [];
const statusesOf = (t: Tally) =>
  [...t.statuses.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([s, n]) => `${s}×${n}`)
    .join(' ');

/** Counts of the id-route probes, kept across the main pass and the late one (payouts, documents). */
const idRoutes = {
  probes: 0,
  leaks: 0,
  masked: 0,
  maskedOps: new Set<string>(),
  operations: new Set<string>(),
};
const skippedPublic: string[] = [];
/** Every operation with a path id, on A's ids of the kinds given, as each attacker; a 2xx is a leak. */
async function probeIdRoutes(kinds: Set<string> | null, who: Attacker[]) {
  const jobs: { o: Operation; id: string; action?: string; attacker: Attacker; query?: string }[] = [];
  for (const o of operations) {
    const names = [...o.path.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1] as string);
    if (names.length === 0) continue;
    const kind = kindOf(o.path);
    if (kind === null) {
      if (!kinds) skippedPublic.push(`${o.method} ${o.path}`);
      continue;
    }
    if (kind === 'unknown') log(`  no id pool for ${o.method} ${o.path}`);
    if (kinds && !kinds.has(kind)) continue;
    const ids = kind === 'unknown' ? [] : (victim[kind] ?? []);
    const actions = names.includes('action')
      ? ((o.op.parameters ?? []).find((p: Schema) => p.name === 'action')?.schema?.enum ?? ['cancel'])
      : [undefined];
    const signed = /\/content$/.test(o.path);
    for (const id of ids.slice(0, 3))
      for (const action of actions)
        for (const attacker of who) {
          if (!signed) jobs.push({ o, id, action, attacker });
          else
            for (const query of ['', '?expires=9999999999&signature=forged', 'SWAP'])
              jobs.push({ o, id, attacker, query });
        }
  }
  // A signed URL of one of A's files, its signature applied to A's other file ("SWAP").
  const signedUrl = (await send('GET', `/v1/files/${acmeFiles[0]}/url`, { token: acme })).json?.url as string;
  const signedQuery = signedUrl ? new URL(signedUrl, BASE).search : '';
  await pool(jobs, CONCURRENCY, async ({ o, id, action, attacker, query }) => {
    idRoutes.probes++;
    idRoutes.operations.add(`${o.method} ${o.path}`);
    let target = fill(o.path, { id, request_id: id, action: action ?? '' });
    if (query === 'SWAP') target = `${fill(o.path, { id: acmeFiles[1] as string })}${signedQuery}`;
    else if (query) target += query;
    const r = await send(o.method, target, { token: attacker.token, body: validBody(o) });
    // A signed download without its signature is a 422 by design (nothing of A is reached); any other 422
    // would mean validation stopped the probe before tenancy could.
    if (r.status === 422 && !/\/content$/.test(o.path)) {
      idRoutes.masked++;
      idRoutes.maskedOps.add(
        `${o.method} ${o.path}: ${(r.json?.errors ?? []).map((e: Schema) => e.path).join(',')}`,
      );
    }
    if (r.status >= 200 && r.status < 300) {
      idRoutes.leaks++;
      recordDefect({
        kind: 'leak',
        method: o.method,
        path: target,
        status: r.status,
        request: `as ${attacker.name}${containsMarker(r.text) ? ' (answer carries A data)' : ''}`,
        response: r.text.slice(0, 300),
      });
    }
  });
}

let crossTenantRest: {
  filterProbes: number;
  engagementFilterProbes: number;
  filterLeaks: number;
  filterNot404: number;
  not404: string[];
  otherFilters: Record<string, number>;
  mcpProbes: number;
  mcpLeaks: number;
};
const crossTenant = startCheck('1 cross-tenant');
{
  log('1. cross-tenant …');
  await probeIdRoutes(null, attackers);

  // *_id filters of list operations with A's ids
  let filterProbes = 0;
  let engagementFilterProbes = 0;
  let filterNot404 = 0;
  let filterLeaks = 0;
  const filterValues: Record<string, string[]> = {
    engagement_id: victim.engagements?.slice(0, 2) ?? [],
    org_id: [ACME_ORG],
    payment_id: victim.payments?.slice(0, 2) ?? [],
    payout_id: victim.payouts?.slice(0, 1) ?? [],
    actor_id: [demoId('usr', 'ACMEOPS')],
  };
  const filterJobs: { o: Operation; param: string; value: string; attacker: Attacker }[] = [];
  for (const o of operations.filter((x) => x.method === 'GET')) {
    for (const p of (o.op.parameters ?? []) as Schema[]) {
      if (p.in !== 'query' || !/_id$/.test(p.name)) continue;
      for (const value of filterValues[p.name] ?? [])
        for (const attacker of attackers) filterJobs.push({ o, param: p.name, value, attacker });
    }
  }
  const not404: string[] = [];
  const otherFilters = new Map<string, number>();
  await pool(filterJobs, CONCURRENCY, async ({ o, param, value, attacker }) => {
    filterProbes++;
    const target = `${o.path}?${param}=${encodeURIComponent(value)}`;
    const r = await send('GET', target, { token: attacker.token });
    if (param === 'engagement_id') {
      engagementFilterProbes++;
      if (r.status !== 404) {
        filterNot404++;
        not404.push(`${target} → ${r.status} (${attacker.name})`);
      }
    } else {
      const key = `${o.path}?${param}= → ${r.status}`;
      otherFilters.set(key, (otherFilters.get(key) ?? 0) + 1);
    }
    if (r.status >= 200 && r.status < 300 && containsMarker(r.text, [value])) {
      filterLeaks++;
      recordDefect({
        kind: 'leak',
        method: 'GET',
        path: target,
        status: r.status,
        request: `as ${attacker.name}`,
        response: r.text.slice(0, 300),
      });
    }
  });

  // MCP: every tool that takes an id, with A's ids; resources of A
  let mcpProbes = 0;
  let mcpLeaks = 0;
  const tools = ((await mcp(globex, 'tools/list', {})).rpc?.result?.tools ?? []) as Schema[];
  const stems: [RegExp, string][] = [
    [/engagement/, 'engagements'],
    [/task/, 'tasks'],
    [/payment/, 'payments'],
    [/file/, 'files'],
    [/document/, 'documents'],
    [/batch/, 'batches'],
    [/extraction/, 'extractions'],
    [/webhook|endpoint/, 'webhooks'],
    [/payout/, 'payouts'],
    [/key/, 'apiKeys'],
  ];
  const mcpJobs: { tool: Schema; args: Record<string, unknown>; id: string; attacker: Attacker }[] = [];
  for (const tool of tools) {
    const props = (tool.inputSchema?.properties ?? {}) as Record<string, Schema>;
    const idProp = Object.keys(props).find(
      (k) => /(^|_)id$/.test(k) && (tool.inputSchema?.required ?? []).includes(k),
    );
    if (!idProp) continue;
    const stem = idProp === 'id' ? tool.name : idProp;
    const kind = stems.find(([re]) => re.test(stem))?.[1];
    if (!kind) continue;
    const base = (sample(doc, { ...tool.inputSchema, properties: props }) ?? {}) as Record<string, unknown>;
    for (const id of (victim[kind] ?? []).slice(0, 2))
      for (const attacker of attackers.slice(0, 3))
        mcpJobs.push({
          tool,
          args: { ...base, ...(VALID_ARGS[tool.name] ?? {}), [idProp]: id },
          id,
          attacker,
        });
  }
  for (const id of [...(victim.tasks ?? []).slice(0, 2), ...(victim.extractions ?? []).slice(0, 2)])
    for (const attacker of attackers.slice(0, 3))
      mcpJobs.push({
        tool: { name: 'resources/read' },
        args: { uri: `engage://${id.startsWith('tsk') ? 'tasks' : 'extractions'}/${id}` },
        id,
        attacker,
      });
  await pool(mcpJobs, CONCURRENCY, async ({ tool, args, id, attacker }) => {
    mcpProbes++;
    const { reply, rpc } =
      tool.name === 'resources/read'
        ? await mcp(attacker.token, 'resources/read', args)
        : await mcp(attacker.token, 'tools/call', { name: tool.name, arguments: args });
    const result = rpc?.result;
    const ok = reply.status === 200 && result && !result.isError && !rpc?.error;
    if (ok && JSON.stringify(result).includes(id)) {
      mcpLeaks++;
      recordDefect({
        kind: 'leak',
        method: 'POST',
        path: `/v1/mcp ${tool.name}`,
        status: reply.status,
        request: `as ${attacker.name}: ${JSON.stringify(args).slice(0, 200)}`,
        response: JSON.stringify(result).slice(0, 300),
      });
    }
  });

  crossTenantRest = {
    filterProbes,
    engagementFilterProbes,
    filterLeaks,
    filterNot404,
    not404,
    otherFilters: Object.fromEntries(otherFilters),
    mcpProbes,
    mcpLeaks,
  };
}
/** After the late pass (payouts and documents exist only once checks 5 and 6 ran). */
function crossTenantResult(): CheckResult {
  const tally = crossTenant;
  const r = crossTenantRest;
  return {
    check: '1 cross-tenant',
    requests: tally.requests,
    failures: idRoutes.leaks + r.filterLeaks + r.mcpLeaks + r.filterNot404 + tally.serverErrors,
    failureLabel: 'leaks + engagement_id filter not 404 + 5xx',
    notes:
      `${idRoutes.probes} id-route probes (${idRoutes.operations.size} operations × up to 3 of A's ids × ${attackers.length} attackers, + Ben on payouts and documents): ${idRoutes.leaks} 2xx, ${idRoutes.masked} stopped by validation (422); ` +
      `${r.engagementFilterProbes} ?engagement_id= probes: ${r.filterNot404} not 404; ${r.filterProbes - r.engagementFilterProbes} other *_id filter probes; filter leaks ${r.filterLeaks}; ${r.mcpProbes} MCP calls: ${r.mcpLeaks} leaks; 5xx ${tally.serverErrors}; statuses ${statusesOf(tally)}`,
    figures: {
      idRouteProbes: idRoutes.probes,
      idRouteOperations: idRoutes.operations.size,
      idRouteLeaks: idRoutes.leaks,
      stoppedByValidation: idRoutes.masked,
      stoppedByValidationOps: [...idRoutes.maskedOps],
      engagementFilterProbes: r.engagementFilterProbes,
      engagementFilterNot404: r.filterNot404,
      engagementFilterNot404Examples: r.not404.slice(0, 20),
      otherFilterProbes: r.filterProbes - r.engagementFilterProbes,
      otherFilterStatuses: r.otherFilters,
      filterLeaks: r.filterLeaks,
      mcpProbes: r.mcpProbes,
      mcpLeaks: r.mcpLeaks,
      serverErrors: tally.serverErrors,
      publicById: skippedPublic,
      victimIds: Object.fromEntries(Object.entries(victim).map(([k, v]) => [k, v.length])),
    },
  };
}

// ======================================================================================= 3. forged JWTs
const b64url = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
async function hmacToken(header: object, payload: object, secret: string, hash = 'SHA-256'): Promise<string> {
  const data = `${b64url(header)}.${b64url(payload)}`;
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash },
    false,
    ['sign'],
  );
  const signature = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(data));
  return `${data}.${Buffer.from(signature).toString('base64url')}`;
}
{
  const tally = startCheck('3 forged JWTs');
  log('3. forged JWTs …');
  const now = Math.floor(Date.now() / 1000);
  const adminClaims = { sub: demoId('usr', 'ADMIN'), role: 'admin', iat: now, exp: now + 3600 };
  const acmeClaims = {
    sub: demoId('usr', 'ACMEOPS'),
    role: 'company',
    org: ACME_ORG,
    iat: now,
    exp: now + 3600,
  };
  const [h, , s] = acme.split('.');
  const tamper = (payload: object) => `${h}.${b64url(payload)}.${s}`;
  const forged: [string, string][] = [
    ['alg none, admin claims', `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(adminClaims)}.`],
    ['alg None', `${b64url({ alg: 'None', typ: 'JWT' })}.${b64url(adminClaims)}.`],
    ['alg NONE, a signature kept', `${b64url({ alg: 'NONE' })}.${b64url(adminClaims)}.${s}`],
    ['alg none, Acme claims', `${b64url({ alg: 'none' })}.${b64url(acmeClaims)}.`],
    ['HS256 wrong key, admin', await sign(adminClaims, 'not-the-secret-but-32-characters-long!!', 'HS256')],
    ['HS256 wrong key, Acme', await sign(acmeClaims, 'not-the-secret-but-32-characters-long!!', 'HS256')],
    ['HS256 empty key', await hmacToken({ alg: 'HS256', typ: 'JWT' }, adminClaims, '\u0000')],
    [
      'expired (right key)',
      await sign({ ...acmeClaims, iat: now - 7200, exp: now - 3600 }, JWT_SECRET, 'HS256'),
    ],
    [
      'expired 1 s ago (right key)',
      await sign({ ...acmeClaims, iat: now - 3601, exp: now - 1 }, JWT_SECRET, 'HS256'),
    ],
    ['nbf in the future (right key)', await sign({ ...acmeClaims, nbf: now + 3600 }, JWT_SECRET, 'HS256')],
    [
      'iat in the future (right key)',
      await sign({ ...acmeClaims, iat: now + 3600, exp: now + 7200 }, JWT_SECRET, 'HS256'),
    ],
    [
      'no exp (right key)',
      await sign({ sub: acmeClaims.sub, role: 'company', org: ACME_ORG, iat: now }, JWT_SECRET, 'HS256'),
    ],
    ['tampered: role admin', tamper({ ...acmeClaims, role: 'admin' })],
    ['tampered: org Globex', tamper({ ...acmeClaims, org: demoId('org', 'GLOBEX') })],
    ['tampered: sub admin', tamper({ ...adminClaims })],
    ['tampered: exp +1 year', tamper({ ...acmeClaims, exp: now + 31_536_000 })],
    [
      'right key, Acme user claiming admin',
      await sign({ ...acmeClaims, role: 'admin' }, JWT_SECRET, 'HS256'),
    ],
    [
      'right key, Acme user claiming Globex',
      await sign({ ...acmeClaims, org: demoId('org', 'GLOBEX') }, JWT_SECRET, 'HS256'),
    ],
    [
      'right key, company without org',
      await sign({ sub: acmeClaims.sub, role: 'company', iat: now, exp: now + 3600 }, JWT_SECRET, 'HS256'),
    ],
    [
      'right key, unknown user',
      await sign({ ...adminClaims, sub: 'usr_00000000000000000000NOBODY' }, JWT_SECRET, 'HS256'),
    ],
    ['right key, role superuser', await sign({ ...acmeClaims, role: 'superuser' }, JWT_SECRET, 'HS256')],
    ['right key, sub not usr_', await sign({ ...adminClaims, sub: 'admin' }, JWT_SECRET, 'HS256')],
    [
      'alg HS384 (right key)',
      await hmacToken({ alg: 'HS384', typ: 'JWT' }, acmeClaims, JWT_SECRET, 'SHA-384'),
    ],
    [
      'alg HS512 (right key)',
      await hmacToken({ alg: 'HS512', typ: 'JWT' }, acmeClaims, JWT_SECRET, 'SHA-512'),
    ],
    [
      'alg RS256 header, HMAC signature',
      await hmacToken({ alg: 'RS256', typ: 'JWT' }, acmeClaims, JWT_SECRET),
    ],
    ['disabled user (valid token)', doomed.token],
    ['empty', ''],
    ['one segment', 'abc'],
    ['two segments', 'abc.def'],
    ['four segments', `${acme}.extra`],
    ['dots only', '...'],
    ['base64 garbage', `${b64url('{"alg":')}.${b64url('garbage')}.${b64url('x')}`],
    ['header not JSON', `${b64url('not json')}.${b64url(acmeClaims)}.${s}`],
    ['payload array', `${h}.${b64url([acmeClaims])}.${s}`],
    ['unicode', 'ëÿ.ß.ç'],
    ['8 KB junk', 'x'.repeat(8_192)],
    ['forged API key', `ek_${random(24)}`],
    ['API key prefix only', 'ek_'],
    ['null', 'null'],
  ];
  const headerForms: [string, Record<string, string>][] = [
    ['Basic', { authorization: `Basic ${Buffer.from('ops@acme.test:demo-password').toString('base64')}` }],
    ['Bearer without token', { authorization: 'Bearer' }],
    ['Token scheme', { authorization: `Token ${acme}` }],
    ['two tokens', { authorization: `Bearer ${acme} ${acme}` }],
    ['no header, ?token= on a header-only route', {}],
  ];
  const routes: [string, string, unknown?][] = [
    ['GET', '/v1/me'],
    ['GET', '/v1/engagements'],
    ['GET', `/v1/engagements/${ACME_ENG}`],
    ['GET', '/v1/admin/users'],
    ['GET', '/v1/payouts'],
    [
      'POST',
      '/v1/engagements',
      {
        expert_id: demoId('exp', 'CARA'),
        title: 'forged',
        modules: ['TENDER'],
        rate: { amount: 1000, currency: 'eur', interval: 'month' },
      },
    ],
    ['GET', `/v1/engagements/${ACME_ENG}/room`],
    ['GET', `/v1/extractions/${victim.extractions?.[0] ?? 'ext_x'}/events`],
  ];
  let notRejected = 0;
  const jobs: { label: string; method: string; target: string; options: SendOptions }[] = [];
  for (const [label, token] of forged)
    for (const [method, target, body] of routes) {
      const query =
        target.endsWith('/room') || target.endsWith('/events') ? `?token=${encodeURIComponent(token)}` : '';
      jobs.push({
        label,
        method,
        target: `${target}${query}`,
        options: { token: query ? undefined : token, body },
      });
    }
  for (const [label, headers] of headerForms)
    for (const [method, target, body] of routes.slice(0, 6))
      jobs.push({
        label,
        method,
        target: label.startsWith('no header') ? `${target}?token=${acme}` : target,
        options: { headers, body },
      });
  const failures: string[] = [];
  await pool(jobs, CONCURRENCY, async ({ label, method, target, options }) => {
    const r = await send(method, target, options);
    if (r.status !== 401) {
      notRejected++;
      failures.push(`${label}: ${method} ${target.slice(0, 80)} → ${r.status}`);
      recordDefect({
        kind: 'not-401',
        method,
        path: target.slice(0, 200),
        status: r.status,
        request: label,
        response: r.text.slice(0, 200),
      });
    }
  });
  results.push({
    check: '3 forged JWTs',
    requests: tally.requests,
    failures: notRejected,
    failureLabel: 'not 401',
    notes: `${forged.length} forged tokens + ${headerForms.length} header forms × ${routes.length} protected routes (incl. ?token= on room and SSE); statuses ${statusesOf(tally)}`,
    figures: {
      tokens: forged.length,
      headerForms: headerForms.length,
      routes: routes.length,
      notRejected,
      examples: failures.slice(0, 20),
    },
  });
}

// ======================================================================================= 4. SSRF
{
  const tally = startCheck('4 SSRF');
  log('4. SSRF …');
  const hitsBefore = canaryHits.length;
  const PROBES = [
    'http://127.0.0.1:8794/',
    'http://127.0.0.1/',
    'https://127.0.0.1/',
    'http://localhost/',
    'http://localhost:8794/',
    'http://LOCALHOST:8794/',
    'http://localhost.:8794/',
    'http://sub.localhost/',
    'http://[::1]:8794/',
    'http://[::1]/',
    'http://[::]:8794/',
    'http://[::ffff:127.0.0.1]:8794/',
    'http://[0:0:0:0:0:ffff:7f00:1]/',
    'http://0.0.0.0:8794/',
    'http://0.0.0.0/',
    'http://0/',
    'http://2130706433/',
    'http://0x7f000001/',
    'http://0x7f.0.0.1/',
    'http://017700000001/',
    'http://0177.0.0.1/',
    'http://127.1/',
    'http://127.0.1/',
    'http://１２７.０.０.１/',
    'http://127。0。0。1/',
    'http://10.0.0.1/',
    'http://10.255.255.255:8794/',
    'http://172.16.0.1/',
    'http://192.168.0.1/',
    'http://100.64.0.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00::1]/',
    'http://[fe80::1]/',
    'http://[fd00:ec2::254]/latest/meta-data/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://100.100.100.200/latest/meta-data/',
    'http://127.0.0.1.nip.io/',
    'http://7f000001.nip.io/',
    'http://127-0-0-1.sslip.io/',
    'http://10.0.0.1.sslip.io/',
    'http://--1.sslip.io/',
    'http://localtest.me/',
    'http://app.localdomain/',
    'http://printer.local/',
    'http://user@127.0.0.1:8794/',
    'http://user:pass@localhost:8789/safe',
    'http://localhost:8789@127.0.0.1:8794/',
    'http://127.0.0.1:8794#@localhost:8789/',
    'http://127.0.0.1:8794\\@localhost:8789/',
    'http://localhost:8794/?@localhost:8789/',
    'file:///etc/passwd',
    'gopher://127.0.0.1:8794/_GET%20/',
    'ftp://127.0.0.1/',
    'data:text/html,<a href="http://127.0.0.1:8794/">x</a>',
    'javascript:alert(1)',
    '//127.0.0.1:8794/',
    '127.0.0.1:8794',
    'localhost:8794',
    '[::1]',
  ];
  // Allowed host, then a redirect (or a link) to the canary and other private targets.
  const VIA_ALLOWED = [
    ...Object.keys(REDIRECTS).map((k) => `http://localhost:${HELPER_PORT}/r/${k}`),
    `http://localhost:${HELPER_PORT}/links`,
    `http://localhost:${HELPER_PORT}/chain/0`,
  ];
  let probes = 0;
  let refused = 0;
  let accepted = 0;
  const acceptedFates: string[] = [];
  const refusedCodes = new Map<string, number>();
  const channels = new Map<string, { probes: number; refused: number; accepted: number }>();
  const outcome = (channel: string, kind: 'refused' | 'accepted' | 'other', reason = '') => {
    probes++;
    const c = channels.get(channel) ?? { probes: 0, refused: 0, accepted: 0 };
    c.probes++;
    channels.set(channel, c);
    if (kind === 'refused') {
      refused++;
      c.refused++;
      const key = `${channel}: ${reason}`;
      refusedCodes.set(key, (refusedCodes.get(key) ?? 0) + 1);
    } else if (kind === 'accepted') {
      accepted++;
      c.accepted++;
    }
  };
  const reasonOf = (r: Reply) => String(r.json?.reason ?? r.json?.errors?.[0]?.message ?? r.status);
  // a) extractions
  const extractionIds: { url: string; id: string }[] = [];
  await pool([...PROBES, ...VIA_ALLOWED], CONCURRENCY, async (url) => {
    const r = await send('POST', '/v1/extractions', { token: acme, body: { url } });
    if (r.status === 422) outcome('extraction', 'refused', reasonOf(r));
    else if (r.status === 202 || r.status === 200) {
      outcome('extraction', 'accepted');
      extractionIds.push({ url, id: r.json.id });
    } else {
      outcome('extraction', 'other');
      acceptedFates.push(`extraction ${url} → ${r.status}`);
    }
  });
  // b) an extraction batch of every probe: its rows refused at once count as refused
  const batchUrls = [...PROBES, ...VIA_ALLOWED];
  const batch = await send('POST', '/v1/extraction-batches', { token: acme, body: { urls: batchUrls } });
  const batchCounts = batch.json?.counts;
  const batchRefused = Number(batchCounts?.failed ?? 0) + Number(batchCounts?.skipped ?? 0);
  for (let i = 0; i < batchUrls.length; i++)
    outcome('batch row', i < batchRefused ? 'refused' : 'accepted', i < batchRefused ? 'failed at once' : '');
  // c) webhook endpoints: create, then a test delivery for any accepted
  const endpointIds: { url: string; id: string }[] = [];
  await pool([...PROBES, ...VIA_ALLOWED], CONCURRENCY, async (url) => {
    const r = await send('POST', '/v1/webhook-endpoints', {
      token: globex,
      body: { url, events: ['task.completed'] },
    });
    if (r.status === 422) outcome('endpoint create', 'refused', reasonOf(r));
    else if (r.status === 201) {
      outcome('endpoint create', 'accepted');
      endpointIds.push({ url, id: r.json.id });
    } else {
      outcome('endpoint create', 'other');
      acceptedFates.push(`endpoint ${url} → ${r.status}`);
    }
  });
  // d) an existing endpoint moved onto a private URL
  const movable = must(
    await send('POST', '/v1/webhook-endpoints', {
      token: globex,
      body: { url: SAFE_URL, events: ['task.completed'] },
    }),
    'movable endpoint',
    201,
  ).json.id;
  await pool(PROBES, CONCURRENCY, async (url) => {
    const r = await send('PATCH', `/v1/webhook-endpoints/${movable}`, { token: globex, body: { url } });
    if (r.status === 422) outcome('endpoint PATCH', 'refused', reasonOf(r));
    else if (r.status === 200) {
      outcome('endpoint PATCH', 'accepted');
      endpointIds.push({ url, id: movable });
      await send('POST', `/v1/webhook-endpoints/${movable}/test`, { token: globex, body: {} });
    } else {
      outcome('endpoint PATCH', 'other');
      acceptedFates.push(`endpoint PATCH ${url} → ${r.status}`);
    }
  });
  await pool(endpointIds, CONCURRENCY, async ({ id }) => {
    await send('POST', `/v1/webhook-endpoints/${id}/test`, { token: globex, body: {} });
  });
  // e) MCP upload_file from a URL
  await pool([...PROBES, ...VIA_ALLOWED], CONCURRENCY, async (url) => {
    const { reply, rpc } = await mcp(acme, 'tools/call', {
      name: 'upload_file',
      arguments: { url, purpose: 'attachment' },
    });
    const text = JSON.stringify(rpc?.result ?? rpc?.error ?? reply.text);
    if (rpc?.result?.isError || rpc?.error || reply.status >= 400) {
      const reason = /"reason\\?":\\?"([a-z_]+)/.exec(text)?.[1] ?? text.slice(0, 60);
      outcome('MCP upload_file', 'refused', reason);
    } else {
      outcome('MCP upload_file', 'accepted');
      acceptedFates.push(`mcp upload ${url} UPLOADED: ${text.slice(0, 160)}`);
    }
  });
  // f) LEADS tasks on Globex's lead engagement (credits granted first)
  await send('POST', '/v1/admin/credits/grants', {
    token: admin,
    body: { org_id: demoId('org', 'GLOBEX'), credits: 2_000, note: 'red team' },
  });
  await pool([...PROBES.slice(0, 30), ...VIA_ALLOWED], CONCURRENCY, async (url) => {
    const r = await send('POST', `/v1/engagements/${GLOBEX_ENG}/tasks`, {
      token: globex,
      body: { title: 'Leads', module: 'LEADS', type: 'extract_leads', input: { url } },
    });
    if (r.status === 422) outcome('LEADS task', 'refused', reasonOf(r));
    else if (r.status === 202) outcome('LEADS task', 'accepted');
    else {
      outcome('LEADS task', 'other');
      acceptedFates.push(`LEADS task ${url} → ${r.status} ${r.text.slice(0, 100)}`);
    }
  });
  // Let the accepted ones run: crawls, deliveries, tasks.
  const deadline = Date.now() + 25_000;
  const fates = new Map<string, string>();
  while (Date.now() < deadline) {
    await pool(extractionIds, CONCURRENCY, async ({ url, id }) => {
      if (fates.has(id)) return;
      const r = await send('GET', `/v1/extractions/${id}`, { token: acme });
      const status = r.json?.status;
      if (status === 'completed' || status === 'failed')
        fates.set(
          id,
          `${status}${r.json?.error ? `: ${String(r.json.error.code ?? r.json.error.message ?? r.json.error).slice(0, 60)}` : ''} (pages fetched ${(r.json?.pages ?? []).filter((p: Schema) => p.status_code).length}) ← ${url}`,
        );
    });
    if (fates.size >= extractionIds.length) break;
    await sleep(1_000);
  }
  await sleep(3_000); // webhook test deliveries and LEADS crawls
  // What became of each test delivery to an accepted endpoint (an allowed host that redirects, mostly).
  const deliveryFates: string[] = [];
  await pool(
    endpointIds.filter((e) => e.id !== movable),
    CONCURRENCY,
    async ({ url, id }) => {
      const r = await send('GET', `/v1/webhook-endpoints/${id}/deliveries?limit=5`, { token: globex });
      const d = r.json?.data?.[0];
      deliveryFates.push(
        d
          ? `${d.status} (${d.attempts} attempt, HTTP ${d.last_status_code ?? '-'}${d.last_error ? `, ${String(d.last_error).slice(0, 60)}` : ''}) ← ${url}`
          : `no delivery yet ← ${url}`,
      );
    },
  );
  const extractionOutcomes = new Map<string, number>();
  for (const f of fates.values()) {
    const key = f.split(' (')[0]?.split(':')[0] ?? f;
    extractionOutcomes.set(key, (extractionOutcomes.get(key) ?? 0) + 1);
  }
  const unsettled = extractionIds.length - fates.size;
  const batchView = batch.json?.id
    ? (await send('GET', `/v1/extraction-batches/${batch.json.id}`, { token: acme })).json
    : undefined;
  const hits = canaryHits.slice(hitsBefore);
  for (const hit of hits)
    recordDefect({
      kind: 'canary',
      method: 'TCP',
      path: `port ${hit.port}`,
      status: 0,
      request: hit.at,
      response: hit.data,
    });
  results.push({
    check: '4 SSRF',
    requests: tally.requests,
    failures: hits.length,
    failureLabel: 'canary hits',
    notes:
      `${probes} probes (${PROBES.length} URLs + ${VIA_ALLOWED.length} via an allowed host, over extractions, a batch, endpoint create/PATCH/test, MCP upload_file, LEADS tasks): ` +
      `${refused} refused at once (422, or a batch row failed at once), ${accepted} accepted — extractions then: ${[...extractionOutcomes.entries()].map(([k, v]) => `${k}×${v}`).join(', ')}${unsettled ? `, ${unsettled} unsettled (DNS retries)` : ''}; ` +
      `${deliveryFates.length} test deliveries via the allowed redirector: ${deliveryFates.filter((f) => f.startsWith('succeeded')).length} succeeded; canary ports ${canaryPorts.join('/')}: ${hits.length} hits; the allowed helper host saw ${[...helperHits.values()].reduce((a, b) => a + b, 0)} requests`,
    figures: {
      probes,
      refusedAtOnce: refused,
      refusedBy: Object.fromEntries(refusedCodes),
      accepted,
      channels: Object.fromEntries(channels),
      extractionFates: [...fates.values()],
      webhookTestDeliveries: deliveryFates,
      otherOutcomes: acceptedFates.slice(0, 40),
      batch: { counts: batchCounts, after: batchView?.counts ?? batchView?.status },
      canaryPorts,
      canaryHits: hits.length,
      helperHits: Object.fromEntries(helperHits),
    },
  });
}

// ======================================================================================= 5. Stripe webhook
{
  const tally = startCheck('5 Stripe webhook');
  log('5. Stripe webhook …');
  const stripe = new Stripe('sk_test_redteam');
  const signed = (
    payload: string,
    secret = STRIPE_WEBHOOK_SECRET,
    timestamp = Math.floor(Date.now() / 1000),
  ) => stripe.webhooks.generateTestHeaderStringAsync({ payload, secret, timestamp });
  const deliver = async (event: unknown, header?: string) => {
    const payload = typeof event === 'string' ? event : JSON.stringify(event);
    return send('POST', '/v1/webhooks/stripe', {
      raw: payload,
      contentType: 'application/json',
      headers:
        header === undefined
          ? { 'stripe-signature': await signed(payload) }
          : header
            ? { 'stripe-signature': header }
            : {},
    });
  };
  const evt = (type: string, object: unknown, id = `evt_rt_${random(8)}`) => ({
    id,
    object: 'event',
    type,
    api_version: '2025-01-01',
    created: Math.floor(Date.now() / 1000),
    data: { object },
  });
  const balanceOf = async (token: string) => {
    const r = await send('GET', '/v1/experts/me/balance', { token });
    const eur = (r.json?.balances ?? []).find((b: Schema) => b.currency === 'eur');
    return Number(eur?.balance ?? 0);
  };
  const creditsOf = async (token: string) =>
    Number((await send('GET', '/v1/credits', { token })).json?.balance ?? 0);
  const doubles: string[] = [];
  const outcomes = new Map<string, number>();
  const tallyOutcome = (r: Reply) => {
    const key = r.status === 200 ? String(r.json?.outcome) : String(r.status);
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  };

  // a) one payment: the same event 20× at once, then 10 more events (other ids) for the same intent at once
  const before = await balanceOf(anna);
  const p1 = must(
    await send('POST', `/v1/engagements/${ACME_ENG}/payments`, {
      token: acme,
      body: { amount: 12_345, currency: 'eur' },
    }),
    'p1',
    201,
  ).json;
  const same = evt('payment_intent.succeeded', {
    id: p1.provider_payment_id,
    object: 'payment_intent',
    status: 'succeeded',
    amount_received: 12_345,
  });
  await Promise.all(Array.from({ length: 20 }, async () => tallyOutcome(await deliver(same))));
  await Promise.all(
    Array.from({ length: 10 }, async () =>
      tallyOutcome(
        await deliver(
          evt('payment_intent.succeeded', {
            id: p1.provider_payment_id,
            object: 'payment_intent',
            status: 'succeeded',
          }),
        ),
      ),
    ),
  );
  const p1After = (await send('GET', `/v1/payments/${p1.id}`, { token: acme })).json;
  const credited = (await balanceOf(anna)) - before;
  const expected = p1After.amount - (p1After.fee_amount ?? 0);
  if (p1After.status !== 'paid' || credited !== expected)
    doubles.push(`payment ${p1.id}: status ${p1After.status}, credited ${credited}, expected ${expected}`);

  // b) a credits pack: 20× the same event, 10 others, at once; the credits must rise by the pack once
  const creditsBefore = await creditsOf(globex);
  const purchase = must(
    await send('POST', '/v1/credits/purchase', { token: globex, body: { pack: 'starter' } }),
    'purchase',
    201,
    200,
  ).json;
  const p2 = purchase.payment ?? purchase;
  const packEvent = evt('payment_intent.succeeded', {
    id: p2.provider_payment_id,
    object: 'payment_intent',
    status: 'succeeded',
  });
  await Promise.all([
    ...Array.from({ length: 20 }, async () => tallyOutcome(await deliver(packEvent))),
    ...Array.from({ length: 10 }, async () =>
      tallyOutcome(
        await deliver(
          evt('payment_intent.succeeded', { id: p2.provider_payment_id, object: 'payment_intent' }),
        ),
      ),
    ),
  ]);
  const creditsGained = (await creditsOf(globex)) - creditsBefore;
  const packCredits = Number(p2.credits ?? 100);
  if (creditsGained !== packCredits)
    doubles.push(`credits purchase ${p2.id}: gained ${creditsGained}, pack ${packCredits}`);

  // c) racing refunds of one payment: cumulative amounts in any order; the debit must be the share once
  const p3 = must(
    await send('POST', `/v1/engagements/${ACME_ENG}/payments`, {
      token: acme,
      body: { amount: 20_000, currency: 'eur' },
    }),
    'p3',
    201,
  ).json;
  must(
    await send('POST', `/v1/payments/${p3.id}/confirm`, {
      token: acme,
      body: { payment_method: 'pm_card_visa' },
    }),
    'p3 confirm',
    200,
  );
  const p3Paid = (await send('GET', `/v1/payments/${p3.id}`, { token: acme })).json;
  const beforeRefund = await balanceOf(anna);
  const refundAmounts = [
    5_000, 10_000, 20_000, 5_000, 20_000, 10_000, 20_000, 5_000, 10_000, 20_000, 5_000, 20_000, 10_000,
    20_000, 5_000,
  ];
  const refundEvent = (amount: number) =>
    evt('charge.refunded', {
      id: `ch_rt_${p3.id}`,
      object: 'charge',
      payment_intent: p3.provider_payment_id,
      amount_refunded: amount,
      amount: 20_000,
    });
  const sameRefund = refundEvent(20_000);
  await Promise.all([
    ...refundAmounts.map(async (a) => tallyOutcome(await deliver(refundEvent(a)))),
    ...Array.from({ length: 5 }, async () => tallyOutcome(await deliver(sameRefund))),
  ]);
  const afterRefunds = await balanceOf(anna);
  tallyOutcome(await deliver(refundEvent(10_000))); // late and older: nothing
  const afterLate = await balanceOf(anna);
  const share = p3Paid.amount - (p3Paid.fee_amount ?? 0);
  if (beforeRefund - afterRefunds !== share || afterLate !== afterRefunds)
    doubles.push(
      `refunds of ${p3.id}: debited ${beforeRefund - afterRefunds} then ${afterRefunds - afterLate}, share ${share}`,
    );

  // d) one payment confirmed 10× at once (embedded provider, same code path as the webhook)
  const benBefore = await balanceOf(ben);
  const p4 = must(
    await send('POST', `/v1/engagements/${GLOBEX_ENG}/payments`, {
      token: globex,
      body: { amount: 7_777, currency: 'eur' },
    }),
    'p4',
    201,
  ).json;
  const confirms = await Promise.all(
    Array.from({ length: 10 }, () =>
      send('POST', `/v1/payments/${p4.id}/confirm`, {
        token: globex,
        body: { payment_method: 'pm_card_visa' },
      }),
    ),
  );
  const p4After = (await send('GET', `/v1/payments/${p4.id}`, { token: globex })).json;
  const benGained = (await balanceOf(ben)) - benBefore;
  const p4Share = p4After.amount - (p4After.fee_amount ?? 0);
  if (benGained !== p4Share)
    doubles.push(`concurrent confirms of ${p4.id}: credited ${benGained}, share ${p4Share}`);
  const confirmStatuses = confirms.map((r) => r.status).join(',');

  // e) what must be refused: 400 each, never 2xx or 5xx
  const payload = JSON.stringify(evt('payment_intent.succeeded', { id: p1.provider_payment_id }));
  const now = Math.floor(Date.now() / 1000);
  const invalid: [string, string, string | undefined][] = [
    ['data.object null', JSON.stringify(evt('payment_intent.succeeded', null)), undefined],
    ['data missing', JSON.stringify({ id: 'evt_rt_nodata', type: 'payment_intent.succeeded' }), undefined],
    ['data.object a string', JSON.stringify(evt('payment_intent.succeeded', 'pi_x')), undefined],
    ['data.object an array', JSON.stringify(evt('payment_intent.succeeded', [1, 2])), undefined],
    ['object.id a number', JSON.stringify(evt('payment_intent.succeeded', { id: 42 })), undefined],
    ['charge.refunded without amounts', JSON.stringify(evt('charge.refunded', { id: 'ch_x' })), undefined],
    ['invoice.paid empty object', JSON.stringify(evt('invoice.paid', {})), undefined],
    [
      'invoice.payment_failed no next attempt',
      JSON.stringify(evt('invoice.payment_failed', { id: 'in_x' })),
      undefined,
    ],
    ['type missing', JSON.stringify({ id: 'evt_rt_notype', data: { object: {} } }), undefined],
    [
      'id missing',
      JSON.stringify({ type: 'payment_intent.succeeded', data: { object: { id: 'pi_x' } } }),
      undefined,
    ],
    ['body an array', '[]', undefined],
    ['body null', 'null', undefined],
    ['body not JSON', 'not json', undefined],
    ['body empty', '', undefined],
    ['wrong secret', payload, await signed(payload, 'whsec_wrong')],
    ['old timestamp (10 min)', payload, await signed(payload, STRIPE_WEBHOOK_SECRET, now - 600)],
    ['no signature header', payload, ''],
    ['garbage signature header', payload, 't=abc,v1=zzz'],
    ['v0 scheme only', payload, (await signed(payload)).replace('v1=', 'v0=')],
    ['signature of another body', `${payload} `, await signed(payload)],
    ['timestamp only', payload, `t=${now}`],
  ];
  const accepted: string[] = [];
  for (const [label, body, header] of invalid) {
    const r = await deliver(body, header ?? (await signed(body)));
    if (r.status !== 400) accepted.push(`${label} → ${r.status}`);
  }
  // f) prototype-named types and an unknown type: acknowledged, no effect, no 5xx
  for (const type of ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'unknown.event'])
    tallyOutcome(await deliver(evt(type, { id: p1.provider_payment_id })));
  // g) Resend (Svix) webhook: unsigned and badly signed
  const resendBad = [
    await send('POST', '/v1/webhooks/resend', { body: { type: 'email.delivered', data: {} } }),
    await send('POST', '/v1/webhooks/resend', {
      body: { type: 'email.delivered', data: {} },
      headers: { 'svix-id': 'msg_x', 'svix-timestamp': String(now), 'svix-signature': 'v1,Zm9v' },
    }),
  ];
  for (const r of resendBad) if (r.status !== 400) accepted.push(`resend unsigned/bad → ${r.status}`);

  for (const d of doubles)
    recordDefect({
      kind: 'double-effect',
      method: 'POST',
      path: '/v1/webhooks/stripe',
      status: 0,
      request: d,
      response: '',
    });
  for (const a of accepted)
    recordDefect({
      kind: 'other',
      method: 'POST',
      path: '/v1/webhooks/*',
      status: 0,
      request: a,
      response: 'expected 400',
    });
  results.push({
    check: '5 Stripe webhook',
    requests: tally.requests,
    failures: doubles.length + tally.serverErrors + accepted.length,
    failureLabel: 'double effects + 5xx + invalid not 400',
    notes:
      `outcomes ${[...outcomes.entries()].map(([k, v]) => `${k}×${v}`).join(' ')}; Anna credited ${credited} for ${p1After.amount} (share ${expected}); credits +${creditsGained} (pack ${packCredits}); ` +
      `racing refunds debited ${beforeRefund - afterRefunds} (share ${share}), late refund ${afterRefunds - afterLate}; 10 confirms at once → [${confirmStatuses}], Ben +${benGained} (share ${p4Share}); ` +
      `${invalid.length + resendBad.length} invalid deliveries: ${accepted.length} not 400; 5xx ${tally.serverErrors}`,
    figures: {
      doubles,
      invalidNot400: accepted,
      outcomes: Object.fromEntries(outcomes),
      serverErrors: tally.serverErrors,
    },
  });
}

// ======================================================================================= 6. payouts
{
  const tally = startCheck('6 payouts');
  log('6. payouts …');
  const weeks = [previousIsoWeek(), currentIsoWeek()];
  const listAll = async () => {
    const rows: Schema[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const r = await send(
        'GET',
        `/v1/payouts?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token: admin },
      );
      rows.push(...(r.json?.data ?? []));
      cursor = r.json?.next_cursor ?? null;
      if (!cursor) break;
    }
    return rows;
  };
  const runs: Reply[] = [];
  const prepare = (week: string, key?: string) =>
    send('POST', '/v1/admin/payouts/prepare', {
      token: admin,
      body: { week },
      headers: key ? { 'idempotency-key': key } : {},
    });
  const processRun = () => send('POST', '/v1/admin/payouts/process', { token: admin });
  // Round 1: ten prepares at once (both weeks, two sharing an idempotency key); round 2: ten processes at once;
  // round 3: prepares and processes mixed.
  runs.push(
    ...(await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        prepare(weeks[i % 2] as string, i < 2 ? `rt-prepare-${tag}` : undefined),
      ),
    )),
  );
  runs.push(...(await Promise.all(Array.from({ length: 10 }, processRun))));
  runs.push(
    ...(await Promise.all([
      ...weeks.map((w) => prepare(w)),
      ...weeks.map((w) => prepare(w)),
      ...Array.from({ length: 6 }, processRun),
    ])),
  );
  // What continues through the payouts queue: wait until nothing is pending or in flight.
  let rows = await listAll();
  for (
    let i = 0;
    i < 60 &&
    rows.some(
      (p) =>
        p.status === 'processing' ||
        (p.status === 'pending' && weeks.includes(p.week) && p.attempts === 0 && i < 20),
    );
    i++
  ) {
    await sleep(1_000);
    if (i % 5 === 4) runs.push(await processRun());
    rows = await listAll();
  }
  const groups = new Map<string, Schema[]>();
  for (const p of rows) {
    const key = `${p.expert_id}/${p.currency}/${p.week}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const doublePayouts = [...groups.entries()].filter(([, ps]) => ps.length > 1);
  const reconciliation = await Promise.all([
    ...weeks.map((w) =>
      send('GET', `/v1/admin/payouts/reconciliation?week=${w}&limit=500`, { token: admin }),
    ),
    send('GET', '/v1/admin/payouts/reconciliation?limit=500', { token: admin }),
  ]);
  const mismatches = reconciliation.flatMap((r) => (r.json?.mismatches ?? []) as Schema[]);
  const duplicateTransfers = mismatches.filter((m) => m.problem === 'duplicate_transfers');
  // The embedded provider's books, straight from local D1 (read-only).
  let d1Transfers: number | string = 'n/a';
  let d1Doubles: number | string = 'n/a';
  try {
    const out = server.wrangler([
      'd1',
      'execute',
      'DB',
      '--local',
      '--json',
      '--command',
      'SELECT transfer_group AS g, COUNT(*) AS n FROM embedded_transfers GROUP BY transfer_group',
    ]);
    const parsed = JSON.parse(out) as { results: { g: string; n: number }[] }[];
    const groupsD1 = parsed[0]?.results ?? [];
    d1Transfers = groupsD1.reduce((sum, g) => sum + Number(g.n), 0);
    d1Doubles = groupsD1.filter((g) => Number(g.n) > 1).length;
  } catch (error) {
    log(`  D1 read failed: ${String(error).slice(0, 200)}`);
  }
  const completed = rows.filter((p) => p.status === 'completed');
  const byStatus = new Map<string, number>();
  for (const p of rows) byStatus.set(p.status, (byStatus.get(p.status) ?? 0) + 1);
  for (const [key, ps] of doublePayouts)
    recordDefect({
      kind: 'double-effect',
      method: 'POST',
      path: '/v1/admin/payouts/prepare',
      status: 0,
      request: key,
      response: ps.map((p) => p.id).join(','),
    });
  for (const m of duplicateTransfers)
    recordDefect({
      kind: 'double-effect',
      method: 'POST',
      path: '/v1/admin/payouts/process',
      status: 0,
      request: m.payout_id,
      response: m.detail,
    });
  const failures =
    doublePayouts.length +
    duplicateTransfers.length +
    (typeof d1Doubles === 'number' ? d1Doubles : 0) +
    tally.serverErrors;
  results.push({
    check: '6 payouts',
    requests: tally.requests,
    failures,
    failureLabel: 'double payouts + double transfers + 5xx',
    notes:
      `${runs.length} prepare/process runs (10 at once per round): statuses ${[...new Set(runs.map((r) => r.status))].join('/')}; payouts ${[...byStatus.entries()].map(([k, v]) => `${k}×${v}`).join(' ')} for weeks ${weeks.join(', ')}; ` +
      `${doublePayouts.length} expert/currency/week with two payouts; ${completed.length} completed payouts, ${d1Transfers} transfers in D1, ${d1Doubles} payouts with >1 transfer; reconciliation: ${mismatches.length} mismatches (${duplicateTransfers.length} duplicate_transfers)`,
    figures: {
      runs: runs.length,
      payouts: Object.fromEntries(byStatus),
      doublePayouts: doublePayouts.length,
      completed: completed.length,
      d1Transfers,
      d1Doubles,
      mismatches: mismatches.map((m) => `${m.problem}: ${m.detail}`),
      processResults: runs
        .filter((r) => r.json && 'processed' in r.json)
        .map((r) => r.json)
        .slice(0, 3),
    },
  });
}

// ======================================================================================= 1 (late pass)
// biome-ignore lint/complexity/noUselessLoneBlockStatements: one block per check, as above
{
  // Payouts and documents exist only now: A's (Anna's payouts, Acme's invoices), probed like the rest.
  resumeCheck(crossTenant);
  log('1. cross-tenant, late pass (payouts, documents) …');
  victim.payouts = await listIds(anna, '/v1/payouts?limit=100');
  victim.documents = [
    ...(await listIds(acme, '/v1/documents?limit=100', 3)),
    ...(await listIds(anna, '/v1/documents?limit=100&kind=payout_statement', 2)),
  ];
  for (const id of [...victim.payouts, ...victim.documents]) markers.add(id);
  await probeIdRoutes(new Set(['payouts', 'documents']), [
    ...attackers,
    { name: 'Ben (another expert, JWT)', token: ben },
  ]);
  for (const payout of victim.payouts.slice(0, 1))
    for (const attacker of [...attackers, { name: 'Ben (another expert, JWT)', token: ben }]) {
      const r = await send('GET', `/v1/documents?payout_id=${payout}`, { token: attacker.token });
      crossTenantRest.filterProbes++;
      const key = `/v1/documents?payout_id= → ${r.status}`;
      crossTenantRest.otherFilters[key] = (crossTenantRest.otherFilters[key] ?? 0) + 1;
      if (r.status < 300 && containsMarker(r.text, [payout])) crossTenantRest.filterLeaks++;
    }
  results.push(crossTenantResult());
}

// ======================================================================================= 2. fuzz
{
  const tally = startCheck('2 fuzz');
  log(`2. fuzz (${FUZZ_RUNS} per operation) …`);
  const source = hostileSource(SEED);
  // Own resources fuzzing may write to (never engagements' state, users, dead letters).
  const own: Record<string, string[]> = {
    engagements: [ACME_ENG],
    tasks: victim.tasks ?? [],
    payments: victim.payments ?? [],
    files: acmeFiles,
    documents: victim.documents ?? [],
    extractions: victim.extractions ?? [],
    batches: victim.batches ?? [],
    webhooks: victim.webhooks ?? [],
    apiKeys: [],
    payouts: victim.payouts ?? [],
    emails: victim.emails ?? [],
    bulk: victim.bulk ?? [],
    deadLetters: [],
    traces: victim.traces ?? [],
    users: [],
  };
  const NEVER_REAL =
    /\/(accept|decline|complete|cancel|disable|enable|redrive|pause|resume|rotate-secret)$|\{action\}|^DELETE/;
  const tokenFor = (o: Operation, i: number) => {
    if (o.path.startsWith('/v1/admin')) return admin;
    if (/^\/v1\/(experts\/me|payouts)|\/review$/.test(o.path)) return i % 4 === 3 ? admin : anna;
    return [acme, acme, anna, admin][i % 4] as string;
  };
  const hostileId = (): string => {
    const v = source.value();
    return typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined');
  };
  const contentTypes = [
    'text/plain',
    'application/xml',
    'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded',
    'application/json; charset=utf-16',
    'application/octet-stream',
    '',
  ];
  interface Job {
    o: Operation;
    i: number;
  }
  const jobs: Job[] = operations.flatMap((o) => Array.from({ length: FUZZ_RUNS }, (_, i) => ({ o, i })));
  const cases = new Map<string, number>();
  // Every request is drawn first, in order, so the seed alone decides them (not the order answers come in).
  interface Spec {
    o: Operation;
    target: string;
    options: SendOptions;
    label: string;
    pad?: unknown;
  }
  const specs: Spec[] = [];
  for (const { o, i } of jobs) {
    const key = `${o.method} ${o.path}`;
    const names = [...o.path.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1] as string);
    const kind = kindOf(o.path);
    const realIds = kind && kind !== 'unknown' && !NEVER_REAL.test(key) ? (own[kind] ?? []) : [];
    const values: Record<string, string> = {};
    for (const name of names) {
      const roll = source.random();
      if (name === 'action')
        values[name] =
          roll < 0.5 ? hostileId() : source.pick(['ACCEPT', 'accept ', 'cancel%00', '..', 'constructor']);
      else if (realIds.length && roll < 0.5) values[name] = source.pick(realIds);
      else
        values[name] =
          roll < 0.75
            ? hostileId()
            : source.pick([
                `${(kind ?? 'x').slice(0, 3)}_${'Z'.repeat(26)}`,
                'x'.repeat(65),
                '..',
                '.',
                '%2e%2e%2f',
                '0',
                '-1',
              ]);
    }
    let target = fill(o.path, values);
    // query: hostile values for the declared parameters, sometimes twice, sometimes unknown ones
    const queryParams = ((o.op.parameters ?? []) as Schema[]).filter((p) => p.in === 'query');
    const query = new URLSearchParams();
    for (const p of queryParams) {
      const roll = source.random();
      if (roll < 0.5) {
        const v = source.value();
        query.append(p.name, typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
      } else if (roll < 0.6) {
        query.append(p.name, '1');
        query.append(p.name, '-99999999999999999999');
      }
    }
    if (source.random() < 0.2)
      query.append(
        source.pick(['__proto__', 'constructor[prototype][admin]', 'limit[]', 'sort', '$where']),
        source.pick(NASTY_STRINGS.slice(0, 20)),
      );
    if ([...query].length) target += `?${query.toString()}`;
    // the body
    const schema = bodySchemaOf(o.op);
    const valid = validBody(o);
    const options: SendOptions = { token: tokenFor(o, i) };
    if (o.path === '/v1/mcp' || o.path.endsWith('/events') || o.path.endsWith('/stream'))
      options.headers = {
        accept: source.pick(['application/json, text/event-stream', 'text/event-stream', '*/*', 'text/html']),
      };
    const takesBody = o.method !== 'GET' && o.method !== 'DELETE';
    let label = 'no body';
    let pad: unknown;
    if (takesBody) {
      const c = i % 10;
      if (c === 0) {
        label = 'fc root';
        options.body = source.root();
        if (options.body === undefined) options.raw = 'undefined';
      } else if ((c === 1 || c === 2 || c === 3) && valid !== undefined) {
        const m = mutate(valid, source);
        label = `valid, ${m.note}`;
        options.body = m.body;
      } else if (c === 4) {
        label = 'malformed JSON';
        options.raw = source.pick(MALFORMED_JSON);
      } else if (c === 5) {
        label = 'over 1 MB';
        pad = valid ?? {}; // the 1.1 MB body is made when it is sent
      } else if (c === 6) {
        label = 'deep nesting';
        const base = JSON.stringify(typeof valid === 'object' && valid ? valid : {});
        // Where it overflows a recursive parse, validation or JSON.stringify depends on the depth: several.
        const depth = source.pick([3_000, 7_000, 10_000, 20_000]);
        const deep = source.random() < 0.6 ? deepJson(depth) : deepObjectJson(depth);
        options.raw = base === '{}' ? `{"rt_deep":${deep}}` : `{"rt_deep":${deep},${base.slice(1)}`;
        // …and inside the open objects a schema keeps as given (a task's input, a review's output).
        for (const open of ['input', 'output', 'metadata', 'data', 'params'])
          options.raw = options.raw.replace(`"${open}":{`, `"${open}":{"rt_deep":${deep},`);
      } else if (c === 7) {
        label = 'wrong content type';
        options.raw = JSON.stringify(valid ?? {});
        options.contentType = source.pick(contentTypes);
      } else if (c === 8) {
        label = 'wrong root type';
        options.body = source.pick([[valid], 'string', 42, null, true, [], [[]]]);
      } else {
        label = 'prototype keys';
        options.raw = `{"__proto__":{"role":"admin","isAdmin":true},"constructor":{"prototype":{"role":"admin"}},${JSON.stringify(valid ?? {}).slice(1)}`;
        if (options.raw.endsWith(',}')) options.raw = `${options.raw.slice(0, -2)}}`;
      }
      if (o.path === '/v1/files' && o.method === 'POST' && source.random() < 0.5) {
        label = 'random upload bytes';
        options.raw = new Uint8Array(
          Array.from({ length: Math.floor(source.random() * 4096) }, () => Math.floor(source.random() * 256)),
        );
        options.contentType = source.pick([
          'application/octet-stream',
          'image/png',
          'application/pdf',
          'multipart/form-data; boundary=--x',
          '',
        ]);
      }
      if (!schema && label.startsWith('valid')) label = 'fc root';
    }
    cases.set(label.split(',')[0] as string, (cases.get(label.split(',')[0] as string) ?? 0) + 1);
    specs.push({ o, target, options, label, pad });
  }
  await pool(specs, CONCURRENCY, async ({ o, target, options, label, pad }) => {
    if (pad !== undefined)
      options.raw = JSON.stringify({
        ...(typeof pad === 'object' && pad ? pad : {}),
        pad: 'x'.repeat(1_100_000),
      });
    if (TRACE) console.log(`TRACE fuzz ${label}: ${o.method} ${target.slice(0, 120)}`);
    const reply = await send(o.method, target, options);
    if (TRACE) console.log(`TRACE → ${reply.status}`);
    options.raw = undefined;
  });
  results.push({
    check: '2 fuzz',
    requests: tally.requests,
    failures: tally.serverErrors + tally.nonProblem,
    failureLabel: '5xx + non-problem 4xx',
    notes: `${operations.length} operations × ${FUZZ_RUNS} (seed ${SEED}); 5xx ${tally.serverErrors}, 4xx not problem+json ${tally.nonProblem} (+${tally.platform} from the local runtime before the Worker), transport errors ${tally.transport}; statuses ${statusesOf(tally)}`,
    figures: {
      operations: operations.length,
      perOperation: FUZZ_RUNS,
      serverErrors: tally.serverErrors,
      nonProblem: tally.nonProblem,
      transport: tally.transport,
      cases: Object.fromEntries(cases),
    },
  });
}

// ======================================================================================= 7. WebSocket flood
{
  const tally = startCheck('7 WebSocket flood');
  log(`7. WebSocket flood (${WS_VALID} valid, ${WS_INVALID} forged) …`);
  const wsBase = BASE.replace(/^http/, 'ws');
  const room = (engagement: string, token: string) =>
    `${wsBase}/v1/engagements/${engagement}/room?token=${encodeURIComponent(token)}`;
  const open: WebSocket[] = [];
  let messages = 0;
  const connect = (url: string, keep: boolean) =>
    new Promise<'open' | 'refused'>((resolve) => {
      tally.requests++;
      const ws = new WebSocket(url);
      const timer = setTimeout(() => {
        ws.close();
        resolve('refused');
      }, 20_000);
      ws.onopen = () => {
        clearTimeout(timer);
        if (keep) open.push(ws);
        else ws.close();
        resolve('open');
      };
      ws.onmessage = () => {
        messages++;
      };
      ws.onerror = () => {
        clearTimeout(timer);
        resolve('refused');
      };
    });
  const now = Math.floor(Date.now() / 1000);
  const forgedTokens = [
    `${b64url({ alg: 'none' })}.${b64url({ sub: demoId('usr', 'ADMIN'), role: 'admin', iat: now, exp: now + 3600 })}.`,
    await sign(
      { sub: demoId('usr', 'ACMEOPS'), role: 'company', org: ACME_ORG, iat: now, exp: now + 3600 },
      'wrong-key-wrong-key-wrong-key-wrong-key',
      'HS256',
    ),
    await sign(
      { sub: demoId('usr', 'ACMEOPS'), role: 'company', org: ACME_ORG, iat: now - 7200, exp: now - 3600 },
      JWT_SECRET,
      'HS256',
    ),
    'garbage',
    '',
  ];
  let validOpen = 0;
  const validStarted = performance.now();
  await pool(
    Array.from({ length: WS_VALID }, (_, i) => i),
    25,
    async () => {
      if ((await connect(room(ACME_ENG, acme), true)) === 'open') validOpen++;
    },
  );
  const connectSeconds = (performance.now() - validStarted) / 1000;
  let forgedOpen = 0;
  await pool(
    Array.from({ length: WS_INVALID }, (_, i) => i),
    25,
    async (i) => {
      if ((await connect(room(ACME_ENG, forgedTokens[i % forgedTokens.length] as string), false)) === 'open')
        forgedOpen++;
    },
  );
  let crossOpen = 0;
  for (const [token, engagement] of [
    [globex, ACME_ENG],
    [outsiderCo.token, ACME_ENG],
    [outsiderExpert.token, ACME_ENG],
    [globexKey, ACME_ENG],
    [doomed.token, ACME_ENG],
    [acme, GLOBEX_ENG],
  ] as const)
    if ((await connect(room(engagement, token), false)) === 'open') crossOpen++;
  // Every open socket pings 10× and one sends 2 MB; the server must stay healthy.
  for (const ws of open) for (let k = 0; k < 10; k++) ws.send(JSON.stringify({ type: 'ping' }));
  open[0]?.send('x'.repeat(2 * 1024 * 1024));
  open[1]?.send('{"type":');
  const healthDuring = await send('GET', '/health');
  await sleep(2_000);
  for (const ws of open) ws.close();
  await sleep(1_000);
  const healthAfter = await send('GET', '/health');
  const stillWorks = await send('GET', `/v1/engagements/${ACME_ENG}`, { token: acme });
  const healthy = healthDuring.status === 200 && healthAfter.status === 200 && stillWorks.status === 200;
  if (forgedOpen + crossOpen > 0)
    recordDefect({
      kind: 'leak',
      method: 'WS',
      path: '/v1/engagements/{id}/room',
      status: 101,
      request: `${forgedOpen} forged, ${crossOpen} other-tenant connections accepted`,
      response: '',
    });
  results.push({
    check: '7 WebSocket flood',
    requests: tally.requests,
    failures: forgedOpen + crossOpen + (healthy ? 0 : 1),
    failureLabel: 'forged/cross-tenant accepted + unhealthy',
    notes: `${validOpen}/${WS_VALID} valid accepted in ${connectSeconds.toFixed(1)} s, ${WS_INVALID - forgedOpen}/${WS_INVALID} forged refused, ${6 - crossOpen}/6 other-tenant/disabled refused; ${messages} messages received; ${open.length * 10} pings + 2 MB frame sent; /health ${healthDuring.status} during, ${healthAfter.status} after; API ${stillWorks.status}`,
    figures: {
      validOpen,
      valid: WS_VALID,
      forgedOpen,
      invalid: WS_INVALID,
      crossOpen,
      messages,
      healthDuring: healthDuring.status,
      healthAfter: healthAfter.status,
    },
  });
}

// ======================================================================================= summary
const seconds = (performance.now() - started) / 1000;
const all = [setup, ...tallies];
const total = {
  requests: all.reduce((s, t) => s + t.requests, 0),
  serverErrors: all.reduce((s, t) => s + t.serverErrors, 0),
  nonProblem: all.reduce((s, t) => s + t.nonProblem, 0),
  platform: all.reduce((s, t) => s + t.platform, 0),
  resets: all.reduce((s, t) => s + t.resets, 0),
  transport: all.reduce((s, t) => s + t.transport, 0),
};
results.sort((a, b) => a.check.localeCompare(b.check));
const tallyOf = (check: string) => tallies.find((t) => t.name === check);
const rows = results.map((r) => [
  r.check,
  String(r.requests),
  `${r.failures} (${r.failureLabel})`,
  String(tallyOf(r.check)?.serverErrors ?? 0),
  String(tallyOf(r.check)?.nonProblem ?? 0),
  String(tallyOf(r.check)?.resets ?? 0),
  r.notes,
]);
const header = ['check', 'requests', 'failures', '5xx', '4xx !problem', 'proxy resets', 'notes'];
const widths = header.map((h, i) =>
  i === 6 ? 0 : Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)),
);
const line = (cells: string[]) => cells.map((c, i) => (i === 6 ? c : c.padEnd(widths[i] ?? 0))).join(' | ');
console.log('\n=== red-team summary ===');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(Math.max(w, 5))).join('-|-'));
for (const r of rows) console.log(line(r));
console.log(
  `total: ${total.requests} requests (setup ${setup.requests}), ${total.serverErrors} 5xx, ${total.nonProblem} 4xx not problem+json, ${total.resets} local proxy resets (retried), ${total.transport} transport errors; ${total.platform} 4xx from the local runtime before the Worker (no X-Request-Id, not counted); canary hits over the whole run ${canaryHits.length}; ${seconds.toFixed(0)} s`,
);
const defects: Defect[] = all.flatMap((t) => t.defects);
const defectFile = path.join(tmpdir(), 'redteam-defects.json');
writeFileSync(defectFile, JSON.stringify({ defects }, null, 2));
if (defects.length) {
  console.log(`\n${defects.length} defects (all in ${defectFile}); first ones:`);
  for (const d of defects.slice(0, 25))
    console.log(
      `  [${d.check}] ${d.kind} ${d.method} ${d.path} → ${d.status}; request ${d.request.slice(0, 160)}; answer ${d.response.slice(0, 160)}`,
    );
}
const report = {
  seconds: Number(seconds.toFixed(1)),
  seed: SEED,
  fuzzRuns: FUZZ_RUNS,
  total: { ...total, canaryHits: canaryHits.length },
  checks: results,
  defects: defects.length,
};
console.log('\n=== JSON ===');
console.log(JSON.stringify(report, null, 2));
stopAll();
const clean =
  results.every((r) => r.failures === 0) &&
  total.nonProblem === 0 &&
  total.serverErrors === 0 &&
  canaryHits.length === 0;
process.exit(clean ? 0 : 1);
