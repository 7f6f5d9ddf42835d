// Seeds the local D1 database with the demo (idempotent: fixed ids, INSERT OR IGNORE). Local only.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashPassword } from '../src/lib/crypto';
import { periodStart } from '../src/modules/billing/periods';
import {
  DEMO_CREDITS,
  DEMO_PASSWORD,
  demoBilling,
  demoEngagements,
  demoExperts,
  demoId,
  demoOrgs,
  demoUsers,
} from './demo-data';

const quote = (value: unknown) =>
  value === null || value === undefined
    ? 'NULL'
    : typeof value === 'number'
      ? String(value)
      : typeof value === 'boolean'
        ? value
          ? '1'
          : '0'
        : `'${String(value).replaceAll("'", "''")}'`;

const insert = (table: string, row: Record<string, unknown>) =>
  `INSERT OR IGNORE INTO ${table} (${Object.keys(row).join(', ')}) VALUES (${Object.values(row).map(quote).join(', ')});`;

export async function demoSql(): Promise<string> {
  const at = '2026-11-02T09:00:00.000Z';
  const statements: string[] = [];
  for (const org of demoOrgs) statements.push(insert('orgs', { id: org.id, name: org.name, created_at: at }));
  // AI credits: Acme has plenty (the demo's tasks and the task benchmark spend them); Globex has none, so
  // creating a task there shows the 402 and the way to buy a pack.
  for (const org of demoOrgs) {
    const credits = org.id === demoId('org', 'ACME') ? DEMO_CREDITS : 0;
    if (credits > 0) {
      statements.push(
        insert('credit_entries', {
          id: demoId('cre', `${org.id.slice(-6)}GRANT`),
          org_id: org.id,
          amount: credits,
          kind: 'grant',
          source_key: `demo:${org.id}`,
          note: 'Demo credits',
          created_at: at,
        }),
      );
    }
    statements.push(insert('credit_accounts', { org_id: org.id, balance: credits, updated_at: at }));
  }
  const activeCount = (expertLabel: string) =>
    demoEngagements.filter((e) => e.expert === expertLabel && e.status === 'active').length;
  for (const expert of demoExperts) {
    const label = expert.id.split('_')[1]?.replace(/^0+/, '') ?? '';
    statements.push(
      insert('experts', {
        id: expert.id,
        name: expert.name,
        headline: expert.headline,
        skills: JSON.stringify(expert.skills),
        modules: JSON.stringify(expert.modules),
        rate_amount: expert.rate[0],
        rate_currency: expert.rate[1],
        rate_interval: expert.rate[2],
        max_clients: expert.maxClients,
        current_clients: activeCount(label),
        stripe_account_id: expert.stripeAccountId,
        payouts_enabled: expert.payoutsEnabled,
        created_at: at,
        updated_at: at,
      }),
    );
  }
  // An UPDATE, not part of the INSERT OR IGNORE: a database seeded before billing details existed gets them too.
  for (const [id, details] of Object.entries(demoBilling)) {
    const table = id.startsWith('org_') ? 'orgs' : 'experts';
    const set = Object.entries(details).map(([column, value]) => `${column} = ${quote(value)}`);
    statements.push(`UPDATE ${table} SET ${set.join(', ')} WHERE id = ${quote(id)};`);
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const user of demoUsers) {
    statements.push(
      insert('users', {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        org_id: user.orgId,
        expert_id: user.expertId,
        password_hash: passwordHash,
        created_at: at,
      }),
    );
  }
  for (const e of demoEngagements) {
    statements.push(
      insert('engagements', {
        id: e.id,
        org_id: demoId('org', e.org),
        expert_id: demoId('exp', e.expert),
        title: e.title,
        modules: JSON.stringify(e.modules),
        rate_amount: 450000,
        rate_currency: 'eur',
        rate_interval: 'month',
        status: e.status,
        created_by: demoId('usr', `${e.org}OPS`),
        created_at: at,
        updated_at: at,
      }),
    );
    // An active engagement bills its rate from the seed day: the first period, whose payment the sweep
    // opens (as it does for any period written without one).
    if (e.status === 'active') {
      const day = at.slice(0, 10);
      statements.push(
        insert('billing_periods', {
          id: demoId('bp', e.id.replace(/^eng_0*/, '')),
          engagement_id: e.id,
          org_id: demoId('org', e.org),
          expert_id: demoId('exp', e.expert),
          anchor: day,
          n: 0,
          period_start: day,
          period_end: periodStart(day, 'month', 1),
          amount: 450000,
          currency: 'eur',
          interval: 'month',
          skipped: 0,
          created_at: at,
        }),
      );
    }
    if (!e.moduleState) continue;
    for (const module of e.modules) {
      statements.push(
        insert('engagement_modules', {
          engagement_id: e.id,
          module,
          status: e.moduleState,
          created_at: at,
          updated_at: at,
        }),
      );
    }
  }
  // Payments already paid (fee 20 %, credited to the expert's ledger): Ben's on the active Globex engagement,
  // and Cara's from before her Acme engagement was cancelled — she has no connected account, so her payout
  // is skipped.
  for (const { label, engagement, org, expert, amount } of DEMO_PAID) {
    const fee = platformFee(amount);
    statements.push(
      insert('payments', {
        id: demoId('pay', label),
        engagement_id: demoId('eng', engagement),
        org_id: demoId('org', org),
        expert_id: demoId('exp', expert),
        amount,
        currency: 'eur',
        description: 'October retainer',
        status: 'paid',
        provider: 'embedded',
        provider_payment_id: `pi_emb_demo${label.toLowerCase()}`,
        fee_amount: fee,
        created_at: at,
        paid_at: at,
        updated_at: at,
      }),
      insert('ledger_entries', {
        id: demoId('led', label),
        expert_id: demoId('exp', expert),
        currency: 'eur',
        amount: amount - fee,
        kind: 'payment',
        payment_id: demoId('pay', label),
        source_key: demoId('pay', label),
        created_at: at,
      }),
    );
  }
  statements.push(...failedTaskWithDeadLetter(at));
  statements.push(...demoHistory(at));
  return statements.join('\n');
}

const hoursAfter = (at: string, hours: number) => new Date(Date.parse(at) + hours * 3_600_000).toISOString();

/**
 * The events that would have led to the seeded state — each engagement requested and answered (and ended), the two
 * paid payments, the failed task — so every engagement's activity timeline and `GET /v1/events` tell its story from
 * the first start. Written as already relayed: history, not news — no handler, email or webhook runs for them.
 * Ids in time order, below any real event's (a ULID starts "01"), so the timeline sorts them first.
 */
function demoHistory(at: string): string[] {
  const history: {
    hours: number;
    type: string;
    engagement: string;
    org: string;
    data: Record<string, unknown>;
  }[] = [];
  for (const e of demoEngagements) {
    const engagement_id = e.id;
    const company = demoId('usr', `${e.org}OPS`);
    const expert = demoId('usr', e.expert);
    const add = (hours: number, type: string, data: Record<string, unknown>) =>
      history.push({
        hours,
        type,
        engagement: e.id,
        org: demoId('org', e.org),
        data: { engagement_id, ...data },
      });
    add(0, 'engagement.requested', { expert_id: demoId('exp', e.expert), title: e.title, actor_id: company });
    if (e.status === 'pending') continue;
    if (e.status === 'declined') {
      add(1, 'engagement.declined', { from: 'pending', to: 'declined', actor_id: expert });
      continue;
    }
    add(1, 'engagement.accepted', { from: 'pending', to: 'active', actor_id: expert });
    if (e.status === 'completed' || e.status === 'cancelled')
      add(3, `engagement.${e.status}`, { from: 'active', to: e.status, actor_id: company });
  }
  for (const payment of DEMO_PAID) {
    history.push({
      hours: 2,
      type: 'payment.succeeded',
      engagement: demoId('eng', payment.engagement),
      org: demoId('org', payment.org),
      data: {
        payment_id: demoId('pay', payment.label),
        purpose: 'engagement',
        expert_id: demoId('exp', payment.expert),
        amount: payment.amount,
        currency: 'eur',
        fee: platformFee(payment.amount),
        credited: payment.amount - platformFee(payment.amount),
      },
    });
  }
  history.push({
    hours: 2,
    type: 'task.failed',
    engagement: demoId('eng', 'ACMEANNA'),
    org: demoId('org', 'ACME'),
    data: {
      task_id: demoId('tsk', 'ACMEANNAFAILED'),
      title: FAILED_TASK_TITLE,
      module: 'CTAX',
      type: 'process_invoice',
      from: 'in_progress',
      to: 'failed',
      error: FAILED_TASK_ERROR,
    },
  });
  return history
    .sort((a, b) => a.hours - b.hours)
    .map((event, n) => {
      const when = hoursAfter(at, event.hours);
      return insert('events', {
        id: demoId('evt', `SEED${String(n).padStart(3, '0')}`),
        type: event.type,
        engagement_id: event.engagement,
        org_id: event.org,
        data: JSON.stringify(event.data),
        created_at: when,
        relayed_at: when,
      });
    });
}

const DEMO_PAID = [
  { label: 'GLOBEXBEN1', engagement: 'GLOBEXBEN', org: 'GLOBEX', expert: 'BEN', amount: 80_000 },
  { label: 'ACMECARA1', engagement: 'ACMECARA', org: 'ACME', expert: 'CARA', amount: 30_000 },
] as const;
/** The platform's 20 % (PLATFORM_FEE_BPS in .dev.vars), rounded half up as payments round it. */
const platformFee = (amount: number) => Math.floor((amount * 2000 + 5000) / 10000);
const FAILED_TASK_TITLE = 'Office supplies invoice (failed while the AI provider was down)';
const FAILED_TASK_ERROR = 'AI provider timed out on every attempt';

// A task that failed on every delivery (as if the AI provider had been down) and so sits in the dead-letter
// view: what an admin redrives from the dashboard. Its input is fine, so a redrive processes it.
function failedTaskWithDeadLetter(at: string): string[] {
  const taskId = demoId('tsk', 'ACMEANNAFAILED');
  return [
    insert('tasks', {
      id: taskId,
      engagement_id: demoId('eng', 'ACMEANNA'),
      org_id: demoId('org', 'ACME'),
      expert_id: demoId('exp', 'ANNA'),
      title: FAILED_TASK_TITLE,
      module: 'CTAX',
      type: 'process_invoice',
      priority: 'normal',
      status: 'failed',
      input: JSON.stringify({ text: DEMO_FAILED_INVOICE }),
      error: FAILED_TASK_ERROR,
      attempts: 6,
      created_by: demoId('usr', 'ACMEOPS'),
      created_at: at,
      started_at: at,
      completed_at: at,
      updated_at: at,
    }),
    insert('dead_letters', {
      id: demoId('dlq', 'ACMEANNAFAILED'),
      queue: 'engage-tasks',
      message_id: 'demo-message-acme-anna-failed',
      body: JSON.stringify({ task_id: taskId }),
      attempts: 6,
      created_at: at,
    }),
  ];
}

const DEMO_FAILED_INVOICE = [
  'INVOICE',
  'Invoice number: INV-2026-1107',
  'Invoice date: 2026-11-02',
  'Due date: 2026-12-02',
  'Supplier: Paper & Pens Ltd, 12 Market Street, Leeds LS1 6DT, United Kingdom, VAT GB123456789',
  'Bill to: Acme GmbH, Hauptstrasse 1, 10115 Berlin, Germany',
  'Net amount: EUR 1,000.00',
  'VAT 20%: EUR 200.00',
  'Total: EUR 1,200.00',
  'IBAN: GB82 WEST 1234 5698 7654 32',
].join('\n');

export async function seedLocal(cwd: string, persist: string[] = []) {
  const dir = mkdtempSync(path.join(tmpdir(), 'engage-seed-'));
  const file = path.join(dir, 'seed.sql');
  writeFileSync(file, await demoSql());
  const result = spawnSync(
    'bunx',
    ['wrangler', 'd1', 'execute', 'DB', '--local', `--file=${file}`, ...persist],
    {
      cwd,
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) {
    process.stdout.write(result.stdout ?? '');
    throw new Error('seeding the local database failed');
  }
}

if (import.meta.main) {
  await seedLocal(path.resolve(import.meta.dirname, '..'));
  console.log('demo data seeded');
}
