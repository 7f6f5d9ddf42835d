// Documents reach people by email: the company's members get each billed period's invoice, the expert the payout
// with its self-billing statement, both sides the completion report — in each person's language, once however
// often the event arrives, each linking that very document's PDF (a signed link that outlives the email's
// first read, not the documents list).
import { env } from 'cloudflare:workers';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { events, experts } from '../../src/db/schema';
import { toEventMessage } from '../../src/events/message';
import { sha256Hex } from '../../src/lib/crypto';
import { EMAIL_LINK_TTL_SECONDS } from '../../src/modules/documents/service';
import { emailDocumentGenerated } from '../../src/modules/email/document-emails';
import { preparePayouts } from '../../src/modules/payouts/prepare';
import { processPayouts } from '../../src/modules/payouts/process';
import { isoWeekOf } from '../../src/modules/payouts/week';
import { call, ORIGIN, waitFor } from '../helpers';
import { paidParties, payment } from '../payments/fixtures';
import { acceptedWith, DE_COMPANY, documentsOf } from './fixtures';

const db = createDb(env.DB);

interface Sent {
  subject: string;
  text: string;
  html: string;
}

const emailsTo = async (to: string, template: string) =>
  (
    await env.DB.prepare('SELECT subject, text, html FROM email_logs WHERE "to" = ? AND template = ?')
      .bind(to, template)
      .all<Sent>()
  ).results;

/** The one email of `template` to `to`, once the events have run. */
const emailTo = (to: string, template: string) =>
  waitFor(async () => {
    const sent = await emailsTo(to, template);
    return sent.length > 0 ? sent : undefined;
  });

/**
 * The email's document link, opened as a browser would (no token): it must be the document's own PDF, valid
 * for the email's span. Returns the document id it opens.
 */
async function openLink(email: Sent, document: { id: string; sha256: string }) {
  const [link] = /http:\/\/engage\.test\/v1\/documents\/\S+/.exec(email.text) ?? [];
  expect(link, email.text).toBeDefined();
  expect(email.html).toContain(link?.replaceAll('&', '&amp;'));
  const url = new URL(link ?? '');
  expect(url.pathname).toBe(`/v1/documents/${document.id}/content`);
  const expires = Number(url.searchParams.get('expires')) * 1000;
  expect(expires).toBeGreaterThan(Date.now() + (EMAIL_LINK_TTL_SECONDS - 3_600) * 1000);
  expect(expires).toBeLessThanOrEqual(Date.now() + EMAIL_LINK_TTL_SECONDS * 1000);
  const response = await call(`${url.pathname}${url.search}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('Content-Disposition')).toMatch(/^inline;/);
  expect(await sha256Hex(await response.arrayBuffer())).toBe(document.sha256);
  expect(url.origin).toBe(ORIGIN); // APP_URL: the Worker serves the API beside the dashboard
}

/** The document's `document.generated`, handed to the email handler again: twice at once, then once more. */
async function redeliver(documentId: string) {
  const row = await db.query.events.findFirst({
    where: sql`${events.type} = 'document.generated' AND json_extract(${events.data}, '$.document_id') = ${documentId}`,
  });
  if (!row) throw new Error(`no document.generated for ${documentId}`);
  const message = toEventMessage(row);
  await Promise.all([emailDocumentGenerated.run(env, message), emailDocumentGenerated.run(env, message)]);
  await emailDocumentGenerated.run(env, message);
}

const plain = (text: string) => text.replaceAll('\u00a0', ' ');

describe('document emails', { timeout: 40_000 }, () => {
  it('emails the company each billed period’s invoice, linking that invoice’s PDF, once', async () => {
    const { company, engagement } = await acceptedWith(DE_COMPANY);
    const [invoice] = await documentsOf(company.token, `kind=invoice&engagement_id=${engagement.id}`);
    const [email] = await emailTo(company.email, 'invoiceIssued');
    if (!email) throw new Error('no invoice email');
    expect(plain(email.subject)).toBe(`Invoice ${invoice.number}: €4,500.00`);
    expect(email.text).toContain('"Tender desk"');
    await openLink(email, invoice);

    await redeliver(invoice.id);
    expect(await emailsTo(company.email, 'invoiceIssued')).toHaveLength(1);
  });

  it('emails the expert the payout in their language, linking its self-billing statement, once', async () => {
    const parties = await paidParties();
    await call('/v1/me', { method: 'PATCH', token: parties.expert.token, json: { locale: 'de' } });
    await db
      .update(experts)
      .set({ stripeAccountId: `acct_${crypto.randomUUID().slice(0, 8)}`, payoutsEnabled: true })
      .where(eq(experts.id, parties.expert.expertId ?? ''));
    await payment(parties, 10_000);
    await preparePayouts(env, isoWeekOf(new Date()));
    await processPayouts(env);
    const [statement] = await documentsOf(parties.expert.token, 'kind=payout_statement');
    const [email] = await emailTo(parties.expert.email, 'payoutSent');
    if (!email) throw new Error('no payout email');
    expect(plain(email.subject)).toBe('Auszahlung gesendet: 80,00 €');
    expect(email.text).toContain(`Ihre Gutschrift ${statement.number}`);
    expect(email.text).toContain(`Gutschrift ${statement.number} öffnen: http://engage.test/v1/documents/`);
    await openLink(email, statement);

    await redeliver(statement.id);
    expect(await emailsTo(parties.expert.email, 'payoutSent')).toHaveLength(1);
  });

  it('emails both sides the completion report, linking its PDF, once', async () => {
    const { company, expert, engagement } = await acceptedWith(DE_COMPANY);
    const completed = await call(`/v1/engagements/${engagement.id}/complete`, {
      method: 'POST',
      token: company.token,
    });
    expect(completed.status).toBe(200);
    const [report] = await documentsOf(
      company.token,
      `kind=engagement_report&engagement_id=${engagement.id}`,
    );
    for (const person of [company, expert]) {
      const [email] = await emailTo(person.email, 'engagementReport');
      if (!email) throw new Error(`no report email to ${person.email}`);
      expect(email.subject).toBe('Completion report: Tender desk');
      expect(email.text).toContain(`Report ${report.number}`);
      await openLink(email, report);
    }

    await redeliver(report.id);
    expect(await emailsTo(company.email, 'engagementReport')).toHaveLength(1);
    expect(await emailsTo(expert.email, 'engagementReport')).toHaveLength(1);
  });
});
