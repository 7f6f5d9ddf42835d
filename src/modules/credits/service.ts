// AI credits: a company's balance and history, packs bought through a payment, grants by an admin, and the
// price of a task taken when it is created (tasks/service.ts) and given back when it fails through no fault
// of its document. Every change goes through ledger.ts: an entry once per cause, the balance re-derived.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { loadConfig } from '../../config';
import type { Db } from '../../db/client';
import { createDb } from '../../db/client';
import { creditAccounts, creditEntries, orgs, payments, type Task, tasks } from '../../db/schema';
import type { EventHandler } from '../../events/dispatch';
import { ApiError, notFound } from '../../lib/errors';
import { log } from '../../lib/logger';
import { afterCursor, type ListQuery, toPage } from '../../lib/pagination';
import type { TenantScope } from '../../lib/tenancy';
import { type Actor, auditStatements } from '../audit/record';
import { paymentsProvider } from '../payments/providers';
import { attachIntent, failPaymentWithoutIntent, newPaymentRow, toPaymentView } from '../payments/service';
import { balanceOf } from './balance';
import {
  type CreditEntryInput,
  creditEntryStatement,
  insufficientCredits,
  isOverdraft,
  syncBalanceStatement,
} from './ledger';
import { extraPagesCost, priceOf } from './prices';

/**
 * Entries and the balance they sum to, in one batch (with `together`, e.g. the audit row of a grant): a
 * duplicate cause changes nothing.
 */
export async function writeCredits(
  db: Db,
  orgId: string,
  entries: CreditEntryInput[],
  together: BatchItem<'sqlite'>[] = [],
) {
  const sync = syncBalanceStatement(db, orgId);
  const [first, ...rest] = entries.map((e) => creditEntryStatement(db, e));
  await db.batch(first ? [first, ...rest, sync, ...together] : [sync, ...together]);
}

/**
 * The statements that take the creation price of new tasks from the org's balance, for the batch that creates
 * them; the batch fails (isOverdraft) if the balance does not cover them all. Nothing when they are free.
 */
export function chargeStatements(
  db: Db,
  orgId: string,
  charges: { taskId: string; credits: number; module: string }[],
  createdBy: string | null,
) {
  const paid = charges.filter((c) => c.credits > 0);
  if (paid.length === 0) return [];
  return [
    ...paid.map((c) =>
      creditEntryStatement(db, {
        orgId,
        amount: -c.credits,
        kind: 'consumption',
        sourceKey: c.taskId,
        taskId: c.taskId,
        note: `${c.module} task`,
        createdBy,
      }),
    ),
    syncBalanceStatement(db, orgId),
  ];
}

/** Runs a batch that charges credits; an overdraft becomes 402 with the balance and the price. */
export async function withCreditCheck<T>(db: Db, orgId: string, price: number, run: () => Promise<T>) {
  try {
    return await run();
  } catch (error) {
    if (isOverdraft(error)) throw insufficientCredits(await balanceOf(db, orgId), price);
    throw error;
  }
}

/** The org a credits request is about: a company's own; an admin names one (`org_id`). */
async function orgOf(scope: TenantScope, orgId: string | undefined): Promise<string> {
  const { principal, db } = scope;
  if (principal.role === 'company') {
    // Another company's credits do not exist for this caller.
    if (orgId && orgId !== principal.orgId) throw notFound('Organisation');
    return principal.orgId ?? '';
  }
  if (principal.role !== 'admin') throw new ApiError(403, 'Credits belong to companies');
  if (!orgId)
    throw new ApiError(422, 'The request does not match the schema', {
      errors: [{ path: 'org_id', message: 'An admin names the company (org_id)' }],
    });
  const org = await db.query.orgs.findFirst({ where: eq(orgs.id, orgId) });
  if (!org) throw notFound('Organisation');
  return org.id;
}

const toEntryView = (row: typeof creditEntries.$inferSelect) => ({
  id: row.id,
  amount: row.amount,
  kind: row.kind,
  task_id: row.taskId,
  payment_id: row.paymentId,
  note: row.note,
  created_at: row.createdAt,
});

export async function getCredits(env: Env, scope: TenantScope, query: ListQuery & { org_id?: string }) {
  const orgId = await orgOf(scope, query.org_id);
  const config = loadConfig(env);
  const [balance, rows, used] = await Promise.all([
    balanceOf(scope.db, orgId),
    scope.db
      .select()
      .from(creditEntries)
      .where(and(eq(creditEntries.orgId, orgId), afterCursor(creditEntries.id, query.cursor)))
      .orderBy(desc(creditEntries.id))
      .limit(query.limit + 1),
    usageByDay(scope.db, orgId),
  ]);
  const page = toPage(rows, query.limit, toEntryView);
  const currencies = new Set(Object.values(config.CREDIT_PACKS).map((p) => p.currency));
  return {
    org_id: orgId,
    balance,
    currency: currencies.size === 1 ? ([...currencies][0] ?? null) : null,
    low_balance: balance < config.CREDITS_LOW_BALANCE,
    low_balance_threshold: config.CREDITS_LOW_BALANCE,
    prices: config.CREDIT_PRICES,
    packs: Object.entries(config.CREDIT_PACKS).map(([name, pack]) => ({ name, ...pack })),
    usage: used,
    entries: page.data,
    next_cursor: page.next_cursor,
  };
}

/** Credits spent (net of refunds) per UTC day over the last 30 days: the dashboard's usage chart. */
async function usageByDay(db: Db, orgId: string) {
  const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const rows = await db
    .select({
      day: sql<string>`substr(${creditEntries.createdAt}, 1, 10)`,
      spent: sql<number>`-SUM(${creditEntries.amount})`,
    })
    .from(creditEntries)
    .where(
      and(
        eq(creditEntries.orgId, orgId),
        sql`${creditEntries.kind} IN ('consumption', 'refund')`,
        sql`${creditEntries.createdAt} >= ${since}`,
      ),
    )
    .groupBy(sql`substr(${creditEntries.createdAt}, 1, 10)`)
    .orderBy(sql`1`);
  return rows.map((r) => ({ day: r.day, spent: Number(r.spent) }));
}

/** A company buys a pack: a pending payment of the pack's price; the credits arrive when it is paid. */
export async function purchaseCredits(env: Env, scope: TenantScope, packName: string) {
  const { principal, db } = scope;
  if (principal.role !== 'company') throw new ApiError(403, 'Only a company buys credits');
  const pack = loadConfig(env).CREDIT_PACKS[packName];
  if (!pack) {
    throw new ApiError(422, 'The request does not match the schema', {
      errors: [
        {
          path: 'pack',
          message: `No pack named ${packName}; one of ${Object.keys(loadConfig(env).CREDIT_PACKS).join(', ')}`,
        },
      ],
    });
  }
  const provider = paymentsProvider(env);
  const [row] = await db
    .insert(payments)
    .values({
      ...newPaymentRow(null, principal.orgId ?? '', provider.name, {
        amount: pack.amount,
        currency: pack.currency,
        description: `${pack.credits} AI credits (${packName} pack)`,
        createdBy: principal.userId,
      }),
      purpose: 'credits',
      creditPack: packName,
      credits: pack.credits,
    })
    .returning();
  if (!row) throw new Error('payment insert returned nothing');
  return toPaymentView(await attachIntent(env, db, row).catch(failPaymentWithoutIntent(db, row)));
}

/**
 * An admin adds (or, negative, takes back) credits; `key` makes a retried grant count once. The audit row is
 * in the grant's batch: a grant refused for overdrawing records nothing.
 */
export async function grantCredits(
  db: Db,
  admin: Actor,
  input: { org_id: string; credits: number; note?: string | undefined; key: string },
) {
  const org = await db.query.orgs.findFirst({ where: eq(orgs.id, input.org_id) });
  if (!org) throw notFound('Organisation');
  const entry: CreditEntryInput = {
    orgId: org.id,
    amount: input.credits,
    kind: 'grant',
    sourceKey: input.key,
    note: input.note ?? null,
    createdBy: admin.userId,
  };
  const audit = auditStatements(db, admin, {
    action: 'credits.grant',
    targetId: org.id,
    details: { org_name: org.name, credits: input.credits, note: input.note ?? null },
  });
  await withCreditCheck(db, org.id, -input.credits, () => writeCredits(db, org.id, [entry], audit));
  return { org_id: org.id, balance: await balanceOf(db, org.id) };
}

/**
 * A task that failed through no fault of its document (an outage, a crash, retries used up) gets back what it
 * consumed, once. One its document made fail (unreadable, no input) keeps its price: the work was attempted.
 */
export const refundFailedTask: EventHandler = {
  name: 'credits.refund_failed_task',
  async run(env, event) {
    const taskId = event.data.task_id;
    if (typeof taskId !== 'string' || event.data.fault === 'input') return;
    const db = createDb(env.DB);
    const task = await db.query.tasks.findFirst({ where: eq(tasks.id, taskId) });
    if (task?.status !== 'failed') return; // redriven meanwhile: it may still succeed
    const [spent] = await db
      .select({ credits: sql<number>`COALESCE(-SUM(${creditEntries.amount}), 0)` })
      .from(creditEntries)
      .where(and(eq(creditEntries.taskId, taskId), eq(creditEntries.kind, 'consumption')));
    const credits = Number(spent?.credits ?? 0);
    if (credits <= 0) return;
    await writeCredits(db, task.orgId, [
      {
        orgId: task.orgId,
        amount: credits,
        kind: 'refund',
        sourceKey: taskId,
        taskId,
        note: 'The task failed through no fault of its document',
      },
    ]);
    log.info('credits refunded', { task_id: taskId, credits });
  },
};

/**
 * After reading: pages beyond a module's included ones cost `page` credits each, taken once per task (a
 * redelivery or a re-read after a rejection charges nothing more) and only as far as the balance covers them —
 * the document has been read already, and a half-booked reading helps nobody. One batch for a queue batch.
 */
export async function chargeExtraPages(env: Env, db: Db, read: { task: Task; pages: number }[]) {
  const charges = read
    .map(({ task, pages }) => ({ task, pages, credits: extraPagesCost(priceOf(env, task.module), pages) }))
    .filter((c) => c.credits > 0);
  const statements = charges.map(({ task, pages, credits }) =>
    creditEntryStatement(
      db,
      {
        orgId: task.orgId,
        amount: -credits,
        kind: 'consumption',
        sourceKey: `${task.id}:pages`,
        taskId: task.id,
        note: `${pages} pages`,
      },
      sql`(SELECT ${creditAccounts.balance} FROM ${creditAccounts} WHERE ${creditAccounts.orgId} = ${task.orgId}) >= ${credits}`,
    ),
  );
  const orgs = [...new Set(charges.map((c) => c.task.orgId))];
  const [first, ...rest] = [...statements, ...orgs.map((orgId) => syncBalanceStatement(db, orgId))];
  if (first) await db.batch([first, ...rest]);
}
