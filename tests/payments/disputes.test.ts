// Chargebacks reach payouts: a dispute debits the expert's share once, before the next payout; a won dispute
// gives it back once, a lost one keeps it. Webhooks signed with Stripe's own signer.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { ledgerEntries } from '../../src/db/schema';
import { call, json, waitFor } from '../helpers';
import { deliverStripe, paidParties, payment, stripeEvent } from './fixtures';

const db = createDb(env.DB);

const ledgerOf = async (paymentId: string) =>
  (await db.select().from(ledgerEntries).where(eq(ledgerEntries.paymentId, paymentId))).map((e) => [
    e.kind,
    e.amount,
  ]);

async function paidPayment() {
  const parties = await paidParties();
  const paid = await payment(parties, 10_000);
  const dispute = (status: string, id = `dp_${paid.id.slice(4, 20)}`) => ({
    id,
    object: 'dispute',
    amount: 10_000,
    currency: 'eur',
    payment_intent: paid.provider_payment_id,
    charge: 'ch_test_1',
    reason: 'fraudulent',
    status,
  });
  return { parties, paid, dispute };
}

describe('disputes', () => {
  it('debits the expert’s share once when a dispute opens, and credits it back once when it is won', async () => {
    const { parties, paid, dispute } = await paidPayment();
    const opened = await deliverStripe(stripeEvent('charge.dispute.created', dispute('needs_response')));
    expect(opened.status).toBe(200);
    // The same dispute again, under another event id (a retry on Stripe's side): nothing more.
    await deliverStripe(
      stripeEvent('charge.dispute.created', dispute('needs_response'), 'evt_dispute_again'),
    );
    expect(await ledgerOf(paid.id)).toEqual([
      ['payment', 8_000],
      ['dispute', -8_000],
    ]);
    const view = await json(await call(`/v1/payments/${paid.id}`, { token: parties.company.token }));
    expect(view).toMatchObject({ status: 'paid', dispute_status: 'open', amount_disputed: 10_000 });
    const held = await json(await call('/v1/experts/me/balance', { token: parties.expert.token }));
    expect(held.balances).toEqual([{ currency: 'eur', balance: 0, unpaid: 0 }]);

    await deliverStripe(stripeEvent('charge.dispute.closed', dispute('won')));
    await deliverStripe(stripeEvent('charge.dispute.closed', dispute('won'), 'evt_closed_again'));
    expect(await ledgerOf(paid.id)).toEqual([
      ['payment', 8_000],
      ['dispute', -8_000],
      ['dispute_won', 8_000],
    ]);
    const back = await json(await call('/v1/experts/me/balance', { token: parties.expert.token }));
    expect(back.balances[0]).toMatchObject({ balance: 8_000 });
    const events = await env.DB.prepare(
      "SELECT type FROM events WHERE json_extract(data, '$.payment_id') = ? AND type LIKE 'payment.dispute%' ORDER BY seq",
    )
      .bind(paid.id)
      .all<{ type: string }>();
    expect(events.results.map((e) => e.type)).toEqual(['payment.disputed', 'payment.dispute_closed']);
    // Both sides were told, once each.
    const mails = await waitFor(async () => {
      const rows = await env.DB.prepare(
        'SELECT "to" FROM email_logs WHERE template = \'paymentDisputed\' AND "to" IN (?, ?)',
      )
        .bind(parties.company.email, parties.expert.email)
        .all<{ to: string }>();
      return rows.results.length >= 2 ? rows.results : undefined;
    });
    expect(mails.map((m) => m.to).sort()).toEqual([parties.company.email, parties.expert.email].sort());
  });

  it('keeps the debit when the dispute is lost', async () => {
    const { parties, paid, dispute } = await paidPayment();
    await deliverStripe(stripeEvent('charge.dispute.created', dispute('needs_response')));
    await deliverStripe(stripeEvent('charge.dispute.closed', dispute('lost')));
    expect(await ledgerOf(paid.id)).toEqual([
      ['payment', 8_000],
      ['dispute', -8_000],
    ]);
    const view = await json(await call(`/v1/payments/${paid.id}`, { token: parties.company.token }));
    expect(view.dispute_status).toBe('lost');
  });

  it('ignores a dispute of a payment it does not know, and refuses one without its fields', async () => {
    const stranger = {
      id: 'dp_unknown',
      object: 'dispute',
      amount: 500,
      payment_intent: 'pi_nobody',
      status: 'needs_response',
    };
    const ignored = await deliverStripe(stripeEvent('charge.dispute.created', stranger));
    expect(await json(ignored)).toMatchObject({ outcome: 'ignored' });
    const broken = await deliverStripe(
      stripeEvent('charge.dispute.created', { id: 'dp_x', object: 'dispute' }),
    );
    expect(broken.status).toBe(400);
  });
});
