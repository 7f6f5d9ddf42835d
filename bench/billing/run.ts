// The daily billing cron at scale: starts `wrangler dev` (local workerd, embedded payments provider) on its own
// port and a fresh state directory, seeds N active weekly engagements (companies of ten engagements each) whose
// first period was billed a week ago straight into local D1, then fires the cron (`0 6 * * *`) as
// production does: once (every engagement's second period begins today), again (nothing is due), and — after
// seeding N more such engagements — twice at once. Reports each run's wall time and the D1 round trips and statements it
// counted (its "billing done" log line), then checks in D1 that no period was billed twice: one payment and one
// invoice per period. Ends with the invoice PDF rendering time in workerd (bench/documents).
// Usage: bun bench/billing/run.ts [engagements=10000]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const N = Number(process.argv[2] ?? 10_000);
const PORT = 8796;
const INSPECTOR = 9241;
const BASE = `http://localhost:${PORT}`;
const DAY = 86_400_000;
const root = path.resolve(import.meta.dirname, '../..');
const state = mkdtempSync(path.join(tmpdir(), 'engage-billing-'));
const persist = ['--persist-to', state];
const LOCAL = {
  ...process.env,
  CI: 'true',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
};

function wrangler(args: string[]) {
  const result = spawnSync('bunx', ['wrangler', ...args, ...persist], {
    cwd: root,
    env: LOCAL,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}
const query = <T>(sql: string): T[] =>
  (
    JSON.parse(wrangler(['d1', 'execute', 'DB', '--local', '--json', '--command', sql])) as { results: T[] }[]
  )[0]?.results ?? [];

// --- a fresh local database with N engagements, each with its first (weekly) period billed a week ago
wrangler(['d1', 'migrations', 'apply', 'DB', '--local']);
const id = (prefix: string, n: number) =>
  `${prefix}_${`BENCH${n.toString(36).toUpperCase()}`.padStart(26, '0')}`;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const anchor = day(Date.now() - 7 * DAY);
/** N engagements (ids from `from`) whose first period was billed a week ago: their second begins today. */
function seed(from: number) {
  const sql: string[] = [];
  const insert = (table: string, columns: string, rows: string[]) => {
    for (let i = 0; i < rows.length; i += 400)
      sql.push(`INSERT INTO ${table} (${columns}) VALUES ${rows.slice(i, i + 400).join(',')};`);
  };
  const companies = Math.ceil(N / 10);
  const range = (count: number) => Array.from({ length: count }, (_, i) => from + i);
  const org = (n: number) => id('org', from + ((n - from) % companies));
  const amount = (n: number) => 50_000 + (n % 50) * 1_000;
  insert(
    'orgs',
    'id, name',
    range(companies).map((n) => `('${id('org', n)}', 'Bench Company ${n}')`),
  );
  insert(
    'experts',
    'id, name',
    range(N).map((n) => `('${id('exp', n)}', 'Bench Expert ${n}')`),
  );
  insert(
    'engagements',
    'id, org_id, expert_id, title, modules, rate_amount, rate_currency, rate_interval, status, created_by',
    range(N).map(
      (n) =>
        `('${id('eng', n)}', '${org(n)}', '${id('exp', n)}', 'Bench ${n}', '["CTAX"]', ${amount(n)}, 'eur', 'week', 'active', 'usr_bench')`,
    ),
  );
  insert(
    'billing_periods',
    'id, engagement_id, org_id, expert_id, anchor, n, period_start, period_end, amount, currency, interval, payment_id',
    range(N).map(
      (n) =>
        `('${id('bp', n)}', '${id('eng', n)}', '${org(n)}', '${id('exp', n)}', '${anchor}', 0, '${anchor}', '${day(Date.now())}', ${amount(n)}, 'eur', 'week', '${id('pay', n)}')`,
    ),
  );
  const file = path.join(state, `seed-${from}.sql`);
  writeFileSync(file, sql.join('\n'));
  console.log(`seeding ${N} active engagements of ${companies} companies (${sql.length} statements) …`);
  wrangler(['d1', 'execute', 'DB', '--local', '--file', file]);
}
seed(0);

// --- the Worker, its logs read for each run's "billing done" line
const dev = spawn(
  'bunx',
  [
    'wrangler',
    'dev',
    '--port',
    String(PORT),
    '--inspector-port',
    String(INSPECTOR),
    '--test-scheduled',
    '--var',
    'ENVIRONMENT:development',
    '--var',
    `JWT_SECRET:${'bench-secret-'.repeat(4)}`,
    ...persist,
  ],
  { cwd: root, env: LOCAL, stdio: ['ignore', 'pipe', 'inherit'], detached: true },
);
process.on('exit', () => {
  try {
    process.kill(-(dev.pid ?? 0), 'SIGTERM');
  } catch {
    // already gone
  }
});
type Done = Record<string, number | string>;
let taken = 0;
const done: Done[] = [];
let buffer = '';
dev.stdout?.on('data', (chunk: Buffer) => {
  buffer += chunk.toString();
  const lines = buffer.split('\n');
  buffer = lines.pop() ?? '';
  for (const line of lines) {
    const at = line.indexOf('{"level"');
    if (at < 0 || !line.includes('"billing done"')) continue;
    done.push(JSON.parse(line.slice(at)) as Done);
  }
});
for (let i = 0; ; i++) {
  if (i > 240) throw new Error('wrangler dev did not start');
  if (
    await fetch(`${BASE}/health`).then(
      (r) => r.ok,
      () => false,
    )
  )
    break;
  await Bun.sleep(500);
}

async function cron() {
  const t0 = performance.now();
  const response = await fetch(`${BASE}/__scheduled?cron=0+6+*+*+*`);
  await response.text();
  const ms = performance.now() - t0;
  for (let i = 0; done.length <= taken && i < 100; i++) await Bun.sleep(50); // the log line trails the response
  // Two runs at once: each takes the first line not taken yet.
  return { ms, result: done[taken++] ?? {} };
}
const show = (label: string, { ms, result }: Awaited<ReturnType<typeof cron>>) =>
  console.log(
    `${label}: ${(ms / 1000).toFixed(2)} s (billing day ${result.day}) — ${result.periods_written} periods written, ${result.payments_opened} payments opened, ${result.invoices_created} invoices; D1 ${result.d1_round_trips} round trips, ${result.d1_statements} statements`,
  );

show('run 1 (every engagement’s second period begins)', await cron());
show('run 2 (nothing due)', await cron());
// wrangler dev fires the cron at the current time only: N more engagements make the same work due again.
seed(N);
const t0 = performance.now();
const [a, b] = await Promise.all([cron(), cron()]);
console.log(`runs 3 + 4 at once (N more due): ${((performance.now() - t0) / 1000).toFixed(2)} s together`);
show('  run 3', a);
show('  run 4', b);

// --- none billed twice: one payment per billed period, one invoice per payment
const [check] = query<{
  periods: number;
  billed: number;
  payments: number;
  invoices: number;
  distinct_invoices: number;
}>(
  `SELECT (SELECT count(*) FROM billing_periods) AS periods,
          (SELECT count(*) FROM billing_periods WHERE n > 0 AND payment_id IS NOT NULL) AS billed,
          (SELECT count(*) FROM payments) AS payments,
          (SELECT count(*) FROM payments WHERE provider_invoice_id IS NOT NULL) AS invoices,
          (SELECT count(DISTINCT provider_invoice_id) FROM payments) AS distinct_invoices`,
);
const [dup] = query<{ n: number }>(
  'SELECT count(*) AS n FROM (SELECT engagement_id, n FROM billing_periods GROUP BY engagement_id, n HAVING count(*) > 1)',
);
console.log(
  `D1: ${check?.periods} periods, ${check?.billed} billed by the runs, ${check?.payments} payments, ${check?.invoices} invoices (${check?.distinct_invoices} distinct), ${dup?.n} periods twice`,
);
const ok =
  check &&
  check.billed === 2 * N &&
  check.payments === 2 * N &&
  check.distinct_invoices === 2 * N &&
  dup?.n === 0;
console.log(
  ok
    ? `✔ none billed twice: ${2 * N} periods, each one payment and one invoice`
    : '✖ billed twice or not at all',
);
process.kill(-(dev.pid ?? 0), 'SIGTERM');

// --- the invoice PDF each billed period gets, rendered in workerd
console.log('invoice PDF rendering (bench/documents):');
spawnSync('bun', ['bench/documents/run.ts', '30', '20'], { cwd: root, stdio: 'inherit' });
process.exit(ok ? 0 : 1);
