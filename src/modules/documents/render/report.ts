// The engagement completion report: title, parties, period, the tasks by module and status, and the money.
import type { ReportContent } from '../content';
import { CONTENT_WIDTH, Layout, MARGIN } from '../pdf/layout';
import { formatAmount } from '../vat';
import { day, partyLines } from './invoice';

export async function renderReport(number: string, issuedAt: string, c: ReportContent) {
  const money = (minor: number) => formatAmount(minor, c.payments.currency);
  const page = await Layout.create({
    title: `Engagement report ${number}`,
    subject: c.engagement.title,
    author: 'Engage',
    issuedAt,
  });
  page.line('Engagement report', { size: 20, bold: true });
  page.line(c.engagement.title, { size: 12 });
  page.gap(8);
  page.blocks([
    { x: MARGIN, heading: 'Company', lines: partyLines(c.company) },
    { x: MARGIN + CONTENT_WIDTH / 2, heading: 'Expert', lines: partyLines(c.expert) },
  ]);
  page.pairs([
    ['Report no.', number],
    ['Issued', day(issuedAt)],
    ['Period', `${day(c.engagement.started)} – ${day(c.engagement.ended)}`],
    ['Outcome', c.engagement.status],
    ['Modules', c.engagement.modules.join(', ')],
  ]);
  page.gap(10);
  page.line('Tasks', { size: 11, bold: true });
  const total = c.tasks.reduce((sum, t) => sum + t.count, 0);
  page.table(
    [
      { label: 'Module', width: CONTENT_WIDTH / 3 },
      { label: 'Status', width: CONTENT_WIDTH / 3 },
      { label: 'Tasks', width: CONTENT_WIDTH / 3, align: 'right' },
    ],
    [...c.tasks.map((t) => [t.module, t.status, String(t.count)]), ['All', '', String(total)]],
  );
  page.line('Payments', { size: 11, bold: true });
  page.pairs([
    ['Payments collected', String(c.payments.count)],
    ['Paid', money(c.payments.paid)],
    ['Refunded', money(c.payments.refunded)],
  ]);
  page.pairs([['Net paid', money(c.payments.paid - c.payments.refunded)]], { bold: true, size: 10 });
  return page.save(`Engage · ${number}`);
}
