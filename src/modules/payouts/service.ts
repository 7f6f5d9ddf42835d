// Reading payouts: an expert their own, an admin all (filter by week and status); one payout with its payments.
import { z } from '@hono/zod-openapi';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { experts, ledgerEntries, type Payout, payments, payouts } from '../../db/schema';
import { chunks, IDS_PER_STATEMENT } from '../../lib/chunks';
import {
  currencyFilter,
  keyset,
  type ListSpec,
  likeEscaped,
  oneOrMore,
  searchListQuerySchema,
} from '../../lib/list-query';
import type { TenantScope } from '../../lib/tenancy';
import { toPaymentView } from '../payments/service';
import { payoutMachine } from './machine';
import { ISO_WEEK_PATTERN } from './week';

export const payoutSchema = z
  .object({
    id: z.string(),
    expert_id: z.string(),
    week: z.string().openapi({ example: '2026-W47' }),
    currency: z.string(),
    amount: z.number().int(),
    status: z.enum(payoutMachine.states),
    transfer_id: z.string().nullable(),
    error: z.string().nullable(),
    attempts: z.number().int(),
    created_at: z.string(),
    processed_at: z.string().nullable(),
  })
  .openapi('Payout');

/** Orders a payout list can be read in (`-key` descending). */
export const PAYOUT_SORTS = ['created_at', 'amount', 'week', 'status'] as const;

export const listPayoutsQuerySchema = searchListQuerySchema(
  PAYOUT_SORTS,
  "the id, week, transfer id and the expert's id and name",
).extend({
  week: z.string().regex(ISO_WEEK_PATTERN, 'An ISO week like 2026-W47').optional(),
  status: oneOrMore(payoutMachine.states, 'Only payouts in these states').optional(),
  currency: currencyFilter.optional(),
});

const payoutList: ListSpec<Payout, (typeof PAYOUT_SORTS)[number]> = {
  id: payouts.id,
  createdAt: payouts.createdAt,
  sorts: {
    amount: { by: payouts.amount, value: (row) => row.amount },
    week: { by: payouts.week, value: (row) => row.week },
    status: { by: payouts.status, value: (row) => row.status },
  },
  search: [
    payouts.id,
    payouts.week,
    payouts.transferId,
    payouts.expertId,
    (pattern) =>
      sql`${payouts.expertId} in (select ${experts.id} from ${experts} where ${likeEscaped(experts.name, pattern)})`,
  ],
};

export function toPayoutView(row: Payout) {
  return {
    id: row.id,
    expert_id: row.expertId,
    week: row.week,
    currency: row.currency,
    amount: row.amount,
    status: row.status,
    transfer_id: row.transferId,
    error: row.error,
    attempts: row.attempts,
    created_at: row.createdAt,
    processed_at: row.processedAt,
  };
}

export async function listPayouts(scope: TenantScope, query: z.infer<typeof listPayoutsQuerySchema>) {
  const list = keyset(payoutList, query);
  const rows = await scope.db
    .select()
    .from(payouts)
    .where(
      and(
        scope.payoutCondition(),
        query.week ? eq(payouts.week, query.week) : undefined,
        query.status?.length ? inArray(payouts.status, query.status) : undefined,
        query.currency ? eq(payouts.currency, query.currency) : undefined,
        list.where,
      ),
    )
    .orderBy(...list.orderBy)
    .limit(query.limit + 1);
  return list.page(rows, toPayoutView);
}

export async function getPayout(scope: TenantScope, id: string) {
  const row = await scope.payout(id);
  const entries = await scope.db
    .select({ paymentId: ledgerEntries.paymentId, amount: ledgerEntries.amount, kind: ledgerEntries.kind })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.payoutId, row.id));
  // Every payment the payout covers, however many: D1 binds at most 100 parameters per statement.
  const paymentIds = [...new Set(entries.flatMap((e) => (e.paymentId ? [e.paymentId] : [])))];
  const parts = chunks(paymentIds, IDS_PER_STATEMENT).map((ids) =>
    scope.db.select().from(payments).where(inArray(payments.id, ids)),
  );
  const [first, ...rest] = parts;
  const rows = first ? (await scope.db.batch([first, ...rest])).flat() : [];
  return {
    ...toPayoutView(row),
    entries: entries
      .filter((e) => e.kind !== 'payout')
      .map((e) => ({ kind: e.kind, payment_id: e.paymentId, amount: e.amount })),
    payments: rows.map((r) => toPaymentView(r, false)),
  };
}
