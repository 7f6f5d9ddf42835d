// What each kind of document is made from: the rows behind it read once, turned into the content to freeze.
// Each returns null when its source is not (or no longer) in a state that warrants the document.
import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import { loadConfig } from '../../config';
import type { Db } from '../../db/client';
import {
  billingPeriods,
  engagements,
  experts,
  ledgerEntries,
  orgs,
  payments,
  payouts,
  tasks,
} from '../../db/schema';
import { weekBounds } from '../payouts/week';
import type { DocumentKind, InvoiceContent, ReportContent, StatementContent } from './content';
import { expertParty, orgParty, platformParty } from './parties';
import { splitGross, vatTreatment } from './vat';

export interface DocumentDraft {
  kind: DocumentKind;
  sourceId: string;
  series: string;
  /** printf format of the number, given the sequence. */
  format: string;
  orgId: string | null;
  expertId: string | null;
  engagementId: string | null;
  paymentId: string | null;
  payoutId: string | null;
  currency: string;
  total: number;
  content: InvoiceContent | StatementContent | ReportContent;
}

const DAY_MS = 86_400_000;
const dayBefore = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);

async function parties(db: Db, orgId: string, expertId: string) {
  const [org, expert] = await Promise.all([
    db.query.orgs.findFirst({ where: eq(orgs.id, orgId) }),
    db.query.experts.findFirst({ where: eq(experts.id, expertId) }),
  ]);
  return org && expert ? { org, expert } : null;
}

/** The invoice of a billed period: the platform bills the company what the period's payment collects. */
export async function invoiceDraft(env: Env, db: Db, periodId: string, issuedAt: string) {
  const [row] = await db
    .select({ period: billingPeriods, payment: payments, title: engagements.title })
    .from(billingPeriods)
    .innerJoin(payments, eq(payments.id, billingPeriods.paymentId))
    .innerJoin(engagements, eq(engagements.id, billingPeriods.engagementId))
    .where(eq(billingPeriods.id, periodId));
  if (!row) return null;
  const { period, payment, title } = row;
  const people = await parties(db, period.orgId, period.expertId);
  if (!people) return null;
  const seller = platformParty(loadConfig(env));
  const buyer = orgParty(people.org);
  const provider = expertParty(people.expert);
  const vat = vatTreatment(seller, buyer);
  const end = dayBefore(period.periodEnd);
  const year = issuedAt.slice(0, 4);
  return {
    kind: 'invoice',
    sourceId: period.id,
    series: `invoice:${year}`,
    format: `INV-${year}-%06d`,
    orgId: period.orgId,
    expertId: period.expertId,
    engagementId: period.engagementId,
    paymentId: payment.id,
    payoutId: null,
    currency: payment.currency,
    total: payment.amount,
    content: {
      currency: payment.currency,
      seller,
      buyer,
      provider,
      engagement: { id: period.engagementId, title },
      period: { start: period.periodStart, end },
      payment_id: payment.id,
      description: `${title}: ${period.periodStart} – ${end} (${provider.name})`,
      vat,
      totals: splitGross(payment.amount, vat.rate_bps),
    },
  } satisfies DocumentDraft;
}

/** The self-billing statement of a completed payout: every entry it settles, the fees kept, the VAT. */
export async function statementDraft(env: Env, db: Db, payoutId: string) {
  const payout = await db.query.payouts.findFirst({ where: eq(payouts.id, payoutId) });
  if (payout?.status !== 'completed') return null;
  const expert = await db.query.experts.findFirst({ where: eq(experts.id, payout.expertId) });
  if (!expert) return null;
  const entries = await db
    .select({ entry: ledgerEntries, payment: payments, title: engagements.title })
    .from(ledgerEntries)
    .leftJoin(payments, eq(payments.id, ledgerEntries.paymentId))
    .leftJoin(engagements, eq(engagements.id, payments.engagementId))
    .where(and(eq(ledgerEntries.payoutId, payout.id), ne(ledgerEntries.kind, 'payout')))
    .orderBy(asc(ledgerEntries.createdAt), asc(ledgerEntries.id));
  const supplier = expertParty(expert);
  const recipient = platformParty(loadConfig(env));
  const vat = vatTreatment(supplier, recipient);
  const lines = entries.map(({ entry, payment, title }) => {
    const isPayment = entry.kind === 'payment' && payment !== null;
    return {
      date: (isPayment ? (payment.paidAt ?? entry.createdAt) : entry.createdAt).slice(0, 10),
      kind: entry.kind,
      engagement: title ?? '',
      payment_id: entry.paymentId,
      paid: isPayment ? payment.amount : null,
      fee: isPayment ? payment.amount - entry.amount : null,
      amount: entry.amount,
    };
  });
  const { start, end } = weekBounds(payout.week);
  return {
    kind: 'payout_statement',
    sourceId: payout.id,
    series: `statement:${expert.id}`,
    format: 'GS-%04d',
    orgId: null,
    expertId: expert.id,
    engagementId: null,
    paymentId: null,
    payoutId: payout.id,
    currency: payout.currency,
    total: payout.amount,
    content: {
      currency: payout.currency,
      supplier,
      recipient,
      payout: { id: payout.id, week: payout.week },
      period: { start: start.toISOString().slice(0, 10), end: dayBefore(end.toISOString().slice(0, 10)) },
      entries: lines,
      fees: lines.reduce((sum, line) => sum + (line.fee ?? 0), 0),
      vat,
      totals: splitGross(payout.amount, vat.rate_bps),
    },
  } satisfies DocumentDraft;
}

/** The completion report of an engagement: its tasks by module and status, and what was paid. */
export async function reportDraft(db: Db, engagementId: string, endedAt: string) {
  const engagement = await db.query.engagements.findFirst({ where: eq(engagements.id, engagementId) });
  if (engagement?.status !== 'completed') return null;
  const people = await parties(db, engagement.orgId, engagement.expertId);
  if (!people) return null;
  const [taskCounts, [money]] = await Promise.all([
    db
      .select({ module: tasks.module, status: tasks.status, count: count() })
      .from(tasks)
      .where(eq(tasks.engagementId, engagement.id))
      .groupBy(tasks.module, tasks.status)
      .orderBy(asc(tasks.module), asc(tasks.status)),
    db
      .select({
        count: count(),
        paid: sql<number>`coalesce(sum(${payments.amount}), 0)`,
        refunded: sql<number>`coalesce(sum(${payments.amountRefunded}), 0)`,
      })
      .from(payments)
      .where(and(eq(payments.engagementId, engagement.id), inArray(payments.status, ['paid', 'refunded']))),
  ]);
  const paid = Number(money?.paid ?? 0);
  const refunded = Number(money?.refunded ?? 0);
  return {
    kind: 'engagement_report',
    sourceId: engagement.id,
    series: 'report',
    format: 'RPT-%06d',
    orgId: engagement.orgId,
    expertId: engagement.expertId,
    engagementId: engagement.id,
    paymentId: null,
    payoutId: null,
    currency: engagement.rateCurrency,
    total: paid - refunded,
    content: {
      engagement: {
        id: engagement.id,
        title: engagement.title,
        status: engagement.status,
        started: engagement.createdAt,
        ended: endedAt,
        modules: engagement.modules,
      },
      company: orgParty(people.org),
      expert: expertParty(people.expert),
      tasks: taskCounts.map((t) => ({ module: t.module, status: t.status, count: t.count })),
      payments: { currency: engagement.rateCurrency, count: money?.count ?? 0, paid, refunded },
    },
  } satisfies DocumentDraft;
}
