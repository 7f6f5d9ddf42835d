// Emails that hand over a generated document, sent on its `document.generated` (so the PDF exists when the
// email goes out): the company's members get each period's invoice, the expert the payout with its
// self-billing statement, both sides the completion report. Each links the PDF itself (a signed URL).
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../config';
import { createDb, type Db } from '../../db/client';
import { type DocumentRow, documents } from '../../db/schema';
import type { EventHandler } from '../../events/dispatch';
import type { EventMessage } from '../../events/message';
import { contentSchemas } from '../documents/content';
import { documentEmailUrl, EMAIL_LINK_TTL_SECONDS } from '../documents/service';
import { expertPeople, orgPeople } from '../users/people';
import { emailEach } from './handlers';
import { formatDay, formatMoney } from './templates';

const linkDays = EMAIL_LINK_TTL_SECONDS / 86_400;

async function emailDocument(env: Env, db: Db, event: EventMessage, row: DocumentRow, url: string) {
  const money = (locale: 'en' | 'de' | null) =>
    formatMoney(row.total ?? 0, row.currency ?? 'eur', locale ?? 'en');
  switch (row.kind) {
    case 'invoice': {
      const { engagement, period } = contentSchemas.invoice.parse(row.content);
      return emailEach(env, db, event, await orgPeople(db, row.orgId ?? ''), 'invoiceIssued', (member) => ({
        name: member.name,
        number: row.number,
        title: engagement.title,
        period: `${formatDay(period.start, member.locale ?? 'en')} – ${formatDay(period.end, member.locale ?? 'en')}`,
        amount: money(member.locale),
        linkDays,
        url,
      }));
    }
    case 'payout_statement': {
      const { payout } = contentSchemas.payout_statement.parse(row.content);
      return emailEach(env, db, event, await expertPeople(db, row.expertId ?? ''), 'payoutSent', (user) => ({
        expertName: user.name,
        amount: money(user.locale),
        week: payout.week,
        number: row.number,
        linkDays,
        url,
      }));
    }
    case 'engagement_report': {
      const { engagement } = contentSchemas.engagement_report.parse(row.content);
      const people = [
        ...(await orgPeople(db, row.orgId ?? '')),
        ...(await expertPeople(db, row.expertId ?? '')),
      ];
      return emailEach(env, db, event, people, 'engagementReport', (person) => ({
        name: person.name,
        title: engagement.title,
        number: row.number,
        linkDays,
        url,
      }));
    }
  }
}

export const emailDocumentGenerated: EventHandler = {
  name: 'email.document_generated',
  deduplicatesByEventId: true, // sendEmail keys each message by event id, template and recipient
  async run(env, event) {
    const db = createDb(env.DB);
    const row = await db.query.documents.findFirst({
      where: eq(documents.id, String(event.data.document_id ?? '')),
    });
    if (row?.status !== 'ready') return;
    const { JWT_SECRET, APP_URL } = loadConfig(env);
    const { url } = await documentEmailUrl(JWT_SECRET, APP_URL, row);
    await emailDocument(env, db, event, row, url);
  },
};
