// Payments: a company (or an admin) bills an active engagement; the provider's events settle it (events.ts).

import type { z } from '@hono/zod-openapi';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { loadConfig } from '../../config';
import type { Db } from '../../db/client';
import {
  type Engagement,
  engagements,
  experts,
  ledgerEntries,
  type Payment,
  payments,
} from '../../db/schema';
import { BreakerOpenError } from '../../lib/breaker';
import { ApiError, conflict } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { keyset, type ListSpec, likeEscaped } from '../../lib/list-query';
import { log } from '../../lib/logger';
import type { TenantScope } from '../../lib/tenancy';
import { recordAudit } from '../audit/record';
import { failureStatements, handleProviderEvent } from './events';
import {
  type ConnectedAccount,
  type PaymentsProvider,
  type ProviderEvent,
  ProviderRejectedError,
} from './provider';
import { allowsTestConfirm, paymentsProvider } from './providers';
import type { confirmPaymentSchema, createPaymentSchema, ListPaymentsQuery, PAYMENT_SORTS } from './schema';

/** `showSecret`: the client secret confirms a payment, so only the paying side (company, admin) sees it. */
export function toPaymentView(row: Payment, showSecret = true) {
  return {
    id: row.id,
    purpose: row.purpose,
    engagement_id: row.engagementId,
    expert_id: row.expertId,
    credit_pack: row.creditPack,
    credits: row.credits,
    amount: row.amount,
    currency: row.currency,
    description: row.description,
    status: row.status,
    provider: row.provider,
    provider_payment_id: row.providerPaymentId,
    provider_invoice_id: row.providerInvoiceId,
    hosted_invoice_url: row.hostedInvoiceUrl,
    retry_at: row.retryAt,
    client_secret: showSecret && row.status === 'pending' ? row.clientSecret : null,
    fee_amount: row.feeAmount,
    amount_refunded: row.amountRefunded,
    dispute_status: row.disputeStatus,
    amount_disputed: row.amountDisputed,
    failure_reason: row.failureReason,
    created_at: row.createdAt,
    paid_at: row.paidAt,
  };
}

/** A provider that is down answers 503 with when to try again; one that refuses, 422 with its reason. */
function providerProblem(error: unknown): ApiError {
  if (error instanceof BreakerOpenError) {
    return new ApiError(503, 'The payment provider is unavailable; try again later', {
      headers: { 'Retry-After': String(error.retryAfterSeconds) },
    });
  }
  if (error instanceof ProviderRejectedError) {
    return new ApiError(422, `The payment provider refused: ${error.message}`, {
      errors: [{ path: 'payment_method', message: error.message }],
    });
  }
  return new ApiError(503, 'The payment provider did not answer; try again', {
    headers: { 'Retry-After': '30' },
  });
}

/**
 * A new pending payment, as written before the provider is asked for its intent: an engagement's (its expert
 * shares in it) or, with `engagement` null, the org's own purchase (AI credits).
 */
export function newPaymentRow(
  engagement: Pick<Engagement, 'id' | 'orgId' | 'expertId'> | null,
  orgId: string,
  provider: PaymentsProvider['name'],
  input: { amount: number; currency: string; description: string | null; createdBy: string | null },
): typeof payments.$inferInsert {
  const now = new Date().toISOString();
  return {
    id: newId('payment'),
    engagementId: engagement?.id ?? null,
    orgId,
    expertId: engagement?.expertId ?? null,
    amount: input.amount,
    currency: input.currency,
    description: input.description,
    status: 'pending',
    provider,
    createdBy: input.createdBy,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * For `attachIntent(...).catch(...)`: the provider created no intent, so the payment fails through the machine
 * like any failure (version bumped, payment.failed recorded), and the caller hears why.
 */
export function failPaymentWithoutIntent(db: Db, row: Payment) {
  return async (error: unknown): Promise<never> => {
    log.warn('payment intent failed', { payment_id: row.id, error: String(error) });
    await db.batch(failureStatements(db, row, 'The payment provider did not create the payment'));
    throw providerProblem(error);
  };
}

/**
 * Asks the provider for the payment's intent and records it. Its idempotency key is the payment's, so asking
 * again after a crash returns the same intent.
 */
export async function attachIntent(
  env: Env,
  db: Db,
  payment: Payment,
  extraMetadata: Record<string, string> = {},
) {
  const intent = await paymentsProvider(env).createPaymentIntent({
    amount: payment.amount,
    currency: payment.currency,
    description: payment.description,
    // What a Stripe dashboard user (and reconciliation) needs to find the engagement behind a charge.
    metadata: {
      payment_id: payment.id,
      purpose: payment.purpose,
      org_id: payment.orgId,
      ...(payment.engagementId ? { engagement_id: payment.engagementId } : {}),
      ...(payment.expertId ? { expert_id: payment.expertId } : {}),
      ...(payment.creditPack ? { credit_pack: payment.creditPack } : {}),
      ...extraMetadata,
    },
    idempotencyKey: `payment:${payment.id}`,
  });
  const [updated] = await db
    .update(payments)
    .set({
      providerPaymentId: intent.id,
      clientSecret: intent.clientSecret,
      updatedAt: new Date().toISOString(),
    })
    .where(eq(payments.id, payment.id))
    .returning();
  return updated ?? payment;
}

export async function createPayment(
  env: Env,
  scope: TenantScope,
  engagementId: string,
  input: z.infer<typeof createPaymentSchema>,
) {
  const engagement = await scope.engagement(engagementId);
  if (engagement.status !== 'active')
    throw conflict(`Only an active engagement can be paid (it is ${engagement.status})`);
  const provider = paymentsProvider(env);
  const [row] = await scope.db
    .insert(payments)
    .values(
      newPaymentRow(engagement, engagement.orgId, provider.name, {
        amount: input.amount,
        currency: input.currency,
        description: input.description ?? null,
        createdBy: scope.principal.userId,
      }),
    )
    .returning();
  if (!row) throw new Error('payment insert returned nothing');
  const payment = await attachIntent(env, scope.db, row).catch(failPaymentWithoutIntent(scope.db, row));
  // An admin billing by hand is audited once the provider has the payment (a refused intent records nothing).
  await recordAudit(scope.db, scope.principal, {
    action: 'payment.create',
    targetId: payment.id,
    details: {
      engagement_id: engagement.id,
      title: engagement.title,
      amount: payment.amount,
      currency: payment.currency,
    },
  });
  return toPaymentView(payment);
}

/**
 * Test mode: settles or declines with a test card. The embedded provider's outcome goes through the same
 * handler as a Stripe webhook, at once; with Stripe (test keys only) the outcome arrives by webhook.
 */
export async function confirmPayment(
  env: Env,
  scope: TenantScope,
  id: string,
  input: z.infer<typeof confirmPaymentSchema>,
) {
  const payment = await scope.payment(id);
  if (scope.principal.role === 'expert')
    throw new ApiError(403, 'Only the paying company confirms a payment');
  if (!allowsTestConfirm(env))
    throw conflict('Confirming with a test card needs test mode (an sk_test_ key)');
  // A period's invoice stays open after a failed attempt: the company may pay it again with another card.
  const invoice = payment.providerInvoiceId;
  const open = payment.status === 'pending' || (invoice !== null && payment.status === 'failed');
  if (!open || !(invoice ?? payment.providerPaymentId)) {
    throw conflict(`Only a pending payment can be confirmed (it is ${payment.status})`);
  }
  let events: ProviderEvent[];
  try {
    const provider = paymentsProvider(env);
    events = invoice
      ? await provider.payInvoice(invoice, input.payment_method)
      : await provider.confirmPaymentIntent(payment.providerPaymentId ?? '', input.payment_method);
  } catch (error) {
    throw providerProblem(error);
  }
  for (const event of events) await handleProviderEvent(env, event);
  const settled = await scope.payment(id);
  await recordAudit(scope.db, scope.principal, {
    action: 'payment.confirm',
    targetId: settled.id,
    details: {
      payment_method: input.payment_method,
      status: settled.status,
      amount: settled.amount,
      currency: settled.currency,
    },
  });
  return toPaymentView(settled);
}

const paymentList: ListSpec<Payment, (typeof PAYMENT_SORTS)[number]> = {
  id: payments.id,
  createdAt: payments.createdAt,
  sorts: {
    amount: { by: payments.amount, value: (row) => row.amount },
    status: { by: payments.status, value: (row) => row.status },
    paid_at: { by: sql`coalesce(${payments.paidAt}, '')`, value: (row) => row.paidAt ?? '' },
  },
  search: [
    payments.description,
    payments.id,
    payments.engagementId,
    (pattern) =>
      sql`${payments.engagementId} in (select ${engagements.id} from ${engagements} where ${likeEscaped(engagements.title, pattern)})`,
  ],
};

export async function listPayments(scope: TenantScope, query: ListPaymentsQuery) {
  // An engagement the caller cannot see is a 404, as on every engagement-scoped route, not an empty list.
  if (query.engagement_id) await scope.engagement(query.engagement_id);
  const list = keyset(paymentList, query);
  const rows = await scope.db
    .select()
    .from(payments)
    .where(
      and(
        scope.paymentCondition(),
        query.status?.length ? inArray(payments.status, query.status) : undefined,
        query.engagement_id ? eq(payments.engagementId, query.engagement_id) : undefined,
        query.currency ? eq(payments.currency, query.currency) : undefined,
        list.where,
      ),
    )
    .orderBy(...list.orderBy)
    .limit(query.limit + 1);
  const secret = scope.principal.role !== 'expert';
  return list.page(rows, (row) => toPaymentView(row, secret));
}

export async function getPayment(scope: TenantScope, id: string) {
  return toPaymentView(await scope.payment(id), scope.principal.role !== 'expert');
}

/** An expert's balances per currency, derived from the ledger (never stored), as one statement for a batch. */
export const expertBalanceQuery = (db: Db, expertId: string) =>
  db
    .select({
      currency: ledgerEntries.currency,
      balance: sql<number>`COALESCE(SUM(${ledgerEntries.amount}), 0)`,
      unpaid: sql<number>`COALESCE(SUM(CASE WHEN ${ledgerEntries.kind} != 'payout' AND ${ledgerEntries.payoutId} IS NULL THEN ${ledgerEntries.amount} ELSE 0 END), 0)`,
    })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.expertId, expertId))
    .groupBy(ledgerEntries.currency)
    .orderBy(ledgerEntries.currency);

/** An expert's balances per currency: what is owed and not yet transferred, and of it what no payout holds yet. */
export async function expertBalance(scope: TenantScope, expertId: string) {
  const rows = await expertBalanceQuery(scope.db, expertId);
  return {
    expert_id: expertId,
    balances: rows.map((r) => ({ ...r, balance: Number(r.balance), unpaid: Number(r.unpaid) })),
  };
}

/** Starts (or continues) Connect onboarding for an expert; the embedded provider connects at once. */
export async function connectExpertAccount(env: Env, db: Db, expertId: string) {
  const expert = await db.query.experts.findFirst({ where: eq(experts.id, expertId) });
  if (!expert) throw new ApiError(404, 'Expert not found');
  let account: ConnectedAccount;
  try {
    account = await paymentsProvider(env).connectAccount({
      expertId,
      email: null,
      existingAccountId: expert.stripeAccountId,
      returnUrl: `${loadConfig(env).APP_URL}/payouts`,
    });
  } catch (error) {
    log.warn('connect account failed', { expert_id: expertId, error: String(error) });
    throw providerProblem(error);
  }
  // Stripe reports readiness later (account.updated); never downgrade what a webhook already set.
  const payoutsEnabled = account.payoutsEnabled || expert.payoutsEnabled;
  await db
    .update(experts)
    .set({ stripeAccountId: account.accountId, payoutsEnabled })
    .where(eq(experts.id, expertId));
  return {
    account_id: account.accountId,
    onboarding_url: account.onboardingUrl,
    payouts_enabled: payoutsEnabled,
  };
}
