// Shared setup for the task tests: an active engagement with CTAX and TENDER, tasks inserted directly
// (so only the test drives the consumer), and documents as plain text.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { createDb } from '../../src/db/client';
import { type Task, tasks } from '../../src/db/schema';
import { newId } from '../../src/lib/ids';
import { type Account, call, requestEngagement, signupCompany, signupExpert } from '../helpers';

export const db = createDb(env.DB);

export const CLEAN_INVOICE = `ACME Supplies GmbH
Musterstraße 1, 10115 Berlin
USt-IdNr.: DE123456789

Rechnung an: Acme GmbH, Hauptstraße 5, 80331 München

Rechnungsnummer: RE-2026-0042
Rechnungsdatum: 03.11.2026
Leistungsdatum: 31.10.2026

Pos. Beschreibung Menge Einzelpreis Betrag
1 Beratung 10 100,00 1.000,00 EUR

Nettobetrag: 1.000,00 EUR
USt. 19 %: 190,00 EUR
Gesamtbetrag: 1.190,00 EUR

IBAN: DE89 3704 0044 0532 0130 00
`;

let invoiceSerial = 0;

/**
 * The clean invoice under a number of its own: the same invoice twice in one company is held as a
 * duplicate, so tests that book several give each its own number.
 */
export function anotherCleanInvoice(): string {
  invoiceSerial += 1;
  return CLEAN_INVOICE.replace('RE-2026-0042', `RE-2026-${String(1000 + invoiceSerial)}`);
}

/** Net + VAT ≠ gross: must never be trusted unseen. */
export const INCONSISTENT_INVOICE = CLEAN_INVOICE.replace(
  'Gesamtbetrag: 1.190,00 EUR',
  'Gesamtbetrag: 1.290,00 EUR',
);

export interface Parties {
  company: Account;
  expert: Account;
  engagementId: string;
}

export async function activeEngagement(modules = ['CTAX', 'TENDER']): Promise<Parties> {
  const company = await signupCompany();
  const expert = await signupExpert({ max_clients: 10 });
  const engagement = await requestEngagement(company, expert.expertId ?? '', { modules });
  const accepted = await call(`/v1/engagements/${engagement.id}/accept`, {
    method: 'POST',
    token: expert.token,
  });
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status}`);
  return { company, expert, engagementId: engagement.id };
}

/** The row of a queued task of the engagement, with `overrides`: what insertTask writes. */
export function taskValues(
  parties: Parties,
  overrides: Partial<typeof tasks.$inferInsert> = {},
): typeof tasks.$inferInsert {
  const now = new Date().toISOString();
  return {
    id: newId('task'),
    engagementId: parties.engagementId,
    orgId: parties.company.orgId ?? '',
    expertId: parties.expert.expertId ?? '',
    title: 'Invoice',
    module: 'CTAX',
    type: 'process_invoice',
    priority: 'normal',
    status: 'queued',
    input: { text: anotherCleanInvoice() },
    createdBy: parties.company.userId,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

/** A queued task written straight to D1, with no queue message: the test delivers it. */
export async function insertTask(
  parties: Parties,
  overrides: Partial<typeof tasks.$inferInsert> = {},
): Promise<Task> {
  const [row] = await db.insert(tasks).values(taskValues(parties, overrides)).returning();
  if (!row) throw new Error('insert failed');
  return row;
}

export async function taskRow(id: string): Promise<Task> {
  const row = await db.query.tasks.findFirst({ where: eq(tasks.id, id) });
  if (!row) throw new Error(`no task ${id}`);
  return row;
}

export async function eventTypes(taskId: string): Promise<string[]> {
  const { results } = await env.DB.prepare(
    "SELECT type FROM events WHERE json_extract(data, '$.task_id') = ? ORDER BY id",
  )
    .bind(taskId)
    .all<{ type: string }>();
  return results.map((r) => r.type);
}

/** Polls the API until the task reaches one of `statuses` (the real queue consumer runs it). */
export async function waitForStatus(token: string, taskId: string, statuses: string[], timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = (await (await call(`/v1/tasks/${taskId}`, { token })).json()) as { status: string };
    if (statuses.includes(task.status)) return task as Record<string, unknown> & { status: string };
    if (Date.now() > deadline) throw new Error(`task ${taskId} stayed ${task.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The clean invoice as a real one-page PDF (pdf-lib, standard font: the text round-trips through unpdf). */
export async function invoicePdf(text = CLEAN_INVOICE): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  let y = 800;
  for (const line of text.split('\n')) {
    // WinAnsi has no "ß"; write it as "ss" like many invoice generators do.
    page.drawText(line.replaceAll('ß', 'ss'), { x: 50, y, size: 10, font });
    y -= 14;
  }
  return pdf.save();
}
