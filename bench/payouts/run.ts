// Payout runs at scale against the running dev server (`bun run dev` first): seeds N experts and M paid
// payments (with their ledger credits, dated last week) straight into local D1, then times the admin's
// prepare for last week and a process run until every payout of that week is settled (the run continues
// through the payouts queue in bounded steps), and sums the D1 statements the runs report.
// Usage: bun bench/payouts/run.ts [experts=10000] [payments=100000] [base URL]
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const EXPERTS = Number(process.argv[2] ?? 10_000);
const PAYMENTS = Number(process.argv[3] ?? 100_000);
const BASE = process.argv[4] ?? 'http://localhost:8787';
const root = path.resolve(import.meta.dirname, '../..');
const tag = Date.now().toString(36).toUpperCase();
const id = (prefix: string, n: number) =>
  `${prefix}_${`BENCH${tag}${n.toString(36).toUpperCase()}`.padStart(26, '0').slice(-26)}`;

function isoWeekOf(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const week = Math.ceil(((day.getTime() - Date.UTC(day.getUTCFullYear(), 0, 1)) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
const lastWeek = new Date(Date.now() - 7 * 86_400_000);
const week = isoWeekOf(lastWeek);
const createdAt = lastWeek.toISOString();

// --- seed: experts (every tenth not connected: skipped), payments with their ledger credits
const sql: string[] = [];
const insert = (table: string, columns: string, rows: string[]) => {
  for (let i = 0; i < rows.length; i += 400)
    sql.push(`INSERT INTO ${table} (${columns}) VALUES ${rows.slice(i, i + 400).join(',')};`);
};
insert(
  'experts',
  'id, name, stripe_account_id, payouts_enabled',
  Array.from({ length: EXPERTS }, (_, n) =>
    n % 10 === 9
      ? `('${id('exp', n)}', 'Bench ${n}', NULL, 0)`
      : `('${id('exp', n)}', 'Bench ${n}', 'acct_bench${tag}${n}', 1)`,
  ),
);
const payments: string[] = [];
const entries: string[] = [];
for (let n = 0; n < PAYMENTS; n++) {
  const expert = id('exp', n % EXPERTS);
  const amount = 5_000 + ((n * 7919) % 95_000);
  const fee = Math.floor((amount * 2000 + 5000) / 10000);
  payments.push(
    `('${id('pay', n)}', 'eng_bench', 'org_bench', '${expert}', ${amount}, 'eur', 'paid', 'embedded', ${fee}, '${createdAt}', '${createdAt}')`,
  );
  entries.push(
    `('${id('led', n)}', '${expert}', 'eur', ${amount - fee}, 'payment', '${id('pay', n)}', '${id('pay', n)}', '${createdAt}')`,
  );
}
insert(
  'payments',
  'id, engagement_id, org_id, expert_id, amount, currency, status, provider, fee_amount, created_at, paid_at',
  payments,
);
insert(
  'ledger_entries',
  'id, expert_id, currency, amount, kind, payment_id, source_key, created_at',
  entries,
);
const file = path.join(root, '.wrangler', `bench-payouts-${tag}.sql`);
writeFileSync(file, sql.join('\n'));
console.log(`seeding ${EXPERTS} experts and ${PAYMENTS} payments (${sql.length} statements) into local D1 …`);
const seeded = spawnSync('bunx', ['wrangler', 'd1', 'execute', 'DB', '--local', '--file', file], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, CI: 'true' },
});
if (seeded.status !== 0) throw new Error('seeding failed');

// --- the runs, through the API
const login = await fetch(`${BASE}/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'admin@engage.test', password: 'demo-password' }),
});
if (!login.ok) throw new Error(`login failed: ${login.status} (is bun run dev running?)`);
const { token } = (await login.json()) as { token: string };
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const started = new Date().toISOString();

let t0 = performance.now();
const prepared = await (
  await fetch(`${BASE}/v1/admin/payouts/prepare`, { method: 'POST', headers, body: JSON.stringify({ week }) })
).json();
const prepareMs = performance.now() - t0;
console.log(`prepare ${week}: ${JSON.stringify(prepared)} in ${(prepareMs / 1000).toFixed(1)} s`);

t0 = performance.now();
await fetch(`${BASE}/v1/admin/payouts/process`, { method: 'POST', headers });
const open = async (status: string) =>
  (
    (await (await fetch(`${BASE}/v1/payouts?week=${week}&status=${status}&limit=1`, { headers })).json()) as {
      data: unknown[];
    }
  ).data.length;
for (;;) {
  if ((await open('pending')) === 0 && (await open('processing')) === 0) break;
  await new Promise((resolve) => setTimeout(resolve, 250));
}
const processMs = performance.now() - t0;

type Run = {
  kind: string;
  trigger: string;
  statements: number;
  started_at: string;
  result: Record<string, number>;
};
const runs = (
  (await (await fetch(`${BASE}/v1/admin/payouts/runs?limit=200`, { headers })).json()) as { data: Run[] }
).data.filter((r) => r.started_at >= started);
const sum = (kind: string, key: keyof Run | string) =>
  runs
    .filter((r) => r.kind === kind)
    .reduce((total, r) => total + Number(key === 'statements' ? r.statements : (r.result[key] ?? 0)), 0);
const steps = runs.filter((r) => r.kind === 'process').length;
console.log(
  `process: ${sum('process', 'processed')} transfers, ${sum('process', 'skipped')} skipped, ${sum('process', 'failed')} failed in ${(processMs / 1000).toFixed(1)} s (${steps} steps)`,
);
console.log(
  `D1 statements: prepare ${sum('prepare', 'statements')}, process ${sum('process', 'statements')} (+ one per transfer in the embedded provider, standing in for Stripe's API)`,
);
console.log(
  `total ${((prepareMs + processMs) / 1000).toFixed(1)} s for ${EXPERTS} experts / ${PAYMENTS} payments (target < 30 s)`,
);
