// The company's document memory through the public API and the queue's processing step: a supplier's
// layout learned from one corrected review, duplicate invoices held, rejected readings not looping — and
// none of it crossing from one company to another.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { processTask, processTasks } from '../../src/modules/tasks/process';
import { buildPdf, left, pair } from '../fixtures/ai/pdf';
import { call, json } from '../helpers';
import { activeEngagement, insertTask, type Parties, taskRow } from './fixtures';

interface Issue {
  number: string;
  date: string; // dd.mm.yyyy as printed
  net: number; // cents
}

/**
 * A supplier whose labels the rules do not know: the number follows "Vorgang", the date "Ausgestellt am".
 * Everything else (parties, VAT ID, totals) is standard, so the sums can confirm a reading.
 */
function nordlichtInvoice(issue: Issue): Promise<Uint8Array> {
  const euro = (cents: number) => `${(cents / 100).toFixed(2).replace('.', ',')} EUR`;
  const vat = Math.round(issue.net * 0.19);
  return buildPdf([
    [
      left('Nordlicht Werkstatt GmbH', { size: 14, bold: true }),
      left('Fjordweg 7, 24937 Flensburg'),
      left('USt-IdNr.: DE811907980'),
      { gap: 16 },
      left('Rechnungsempfänger:'),
      left('Hafenkontor Meyer KG'),
      left('Kaistraße 2, 24103 Kiel'),
      { gap: 16 },
      left('Leistungsnachweis', { size: 16, bold: true }),
      pair('Vorgang', issue.number),
      pair('Ausgestellt am', issue.date),
      { gap: 12 },
      pair('Wartung Hebebühne', euro(issue.net)),
      { gap: 12 },
      pair('Netto', euro(issue.net)),
      pair('USt. 19 %', euro(vat)),
      pair('Gesamtbetrag', euro(issue.net + vat)),
      left('IBAN: DE89 3704 0044 0532 0130 00'),
    ],
  ]);
}

const FIRST: Issue = { number: 'NW-2026-117', date: '03.11.2026', net: 84_000 };
const SECOND: Issue = { number: 'NW-2026-131', date: '24.11.2026', net: 126_050 };

async function invoiceTask(parties: Parties, bytes: Uint8Array) {
  const upload = await call('/v1/files?purpose=invoice&name=nordlicht.pdf', {
    token: parties.company.token,
    body: bytes,
    headers: { 'Content-Type': 'application/pdf' },
  });
  expect(upload.status).toBe(201);
  const task = await insertTask(parties, { input: { file_id: (await json(upload)).id } });
  const outcome = await processTask(env, task.id);
  const view = await json(await call(`/v1/tasks/${task.id}`, { token: parties.company.token }));
  return { task, outcome, view };
}

const review = (parties: Parties, taskId: string, body: Record<string, unknown>) =>
  call(`/v1/tasks/${taskId}/review`, { token: parties.expert.token, json: body });

const iso = (printed: string) => printed.split('.').reverse().join('-');

describe('learning a supplier from one corrected review', () => {
  it('reads the next invoice of the supplier the expert corrected, and completes it unseen', async () => {
    const parties = await activeEngagement();
    const first = await invoiceTask(parties, await nordlichtInvoice(FIRST));
    expect(first.outcome).toBe('needs_review');
    expect(first.view.output.invoice_number).not.toBe(FIRST.number);

    const corrected = { ...first.view.output, invoice_number: FIRST.number, issue_date: iso(FIRST.date) };
    expect((await review(parties, first.task.id, { approve: true, output: corrected })).status).toBe(200);

    const second = await invoiceTask(parties, await nordlichtInvoice(SECOND));
    expect(second.outcome).toBe('completed');
    expect(second.view.output).toMatchObject({
      invoice_number: SECOND.number,
      issue_date: iso(SECOND.date),
      supplier: { name: 'Nordlicht Werkstatt GmbH', vat_id: 'DE811907980' },
      recipient: { name: 'Hafenkontor Meyer KG' },
      net: SECOND.net,
      vat_amount: Math.round(SECOND.net * 0.19),
      gross: SECOND.net + Math.round(SECOND.net * 0.19),
      iban: 'DE89370400440532013000',
    });
    expect([...second.view.output.learned].sort()).toEqual(['invoice_number', 'issue_date']);
    expect(second.view.output.source.invoice_number.text).toContain('Vorgang');
  });

  it('keeps what one company taught to that company', async () => {
    const teacher = await activeEngagement();
    const first = await invoiceTask(teacher, await nordlichtInvoice(FIRST));
    const corrected = { ...first.view.output, invoice_number: FIRST.number, issue_date: iso(FIRST.date) };
    await review(teacher, first.task.id, { approve: true, output: corrected });

    const other = await activeEngagement();
    const theirs = await invoiceTask(other, await nordlichtInvoice(SECOND));
    expect(theirs.outcome).toBe('needs_review');
    expect(theirs.view.output.learned).toEqual([]);
  });
});

describe('duplicate invoices', () => {
  it('holds a second upload of the same file, naming the task that booked it', async () => {
    const parties = await activeEngagement();
    const bytes = await nordlichtInvoice(FIRST);
    const first = await invoiceTask(parties, bytes);
    await review(parties, first.task.id, { approve: true });

    const again = await invoiceTask(parties, bytes);
    expect(again.outcome).toBe('needs_review');
    const check = again.view.checks.find((c: { name: string }) => c.name === 'duplicate_invoice');
    expect(check).toMatchObject({ passed: false });
    expect(check.detail).toContain(first.task.id);
  });

  it('holds the same supplier and invoice number in another file, and lets another company book it', async () => {
    const parties = await activeEngagement();
    const first = await invoiceTask(parties, await nordlichtInvoice(FIRST));
    const corrected = { ...first.view.output, invoice_number: FIRST.number, issue_date: iso(FIRST.date) };
    await review(parties, first.task.id, { approve: true, output: corrected });

    // A re-sent copy: same number, a different total (a different file).
    const copy = await invoiceTask(parties, await nordlichtInvoice({ ...FIRST, net: 90_000 }));
    expect(copy.outcome).toBe('needs_review');
    const check = copy.view.checks.find((c: { name: string }) => c.name === 'duplicate_invoice');
    expect(check.detail).toContain(`invoice number ${FIRST.number}`);
    expect(copy.view.ai_confidence).toBeLessThan(80);

    const other = await activeEngagement();
    const theirs = await invoiceTask(other, await nordlichtInvoice(FIRST));
    expect(theirs.view.checks).toContainEqual(
      expect.objectContaining({ name: 'duplicate_invoice', passed: true }),
    );
  });
  it('holds the second of two copies that arrive in one queue batch', async () => {
    const parties = await activeEngagement();
    const bytes = await nordlichtInvoice(FIRST);
    const upload = async () => {
      const response = await call('/v1/files?purpose=invoice&name=nordlicht.pdf', {
        token: parties.company.token,
        body: bytes,
        headers: { 'Content-Type': 'application/pdf' },
      });
      return insertTask(parties, { input: { file_id: (await json(response)).id } });
    };
    const [first, second] = [await upload(), await upload()];
    const results = await processTasks(env, [
      { taskId: second.id, allowAi: true },
      { taskId: first.id, allowAi: true },
    ]);
    expect(results.get(second.id)).toMatchObject({ ok: true, outcome: 'needs_review' });
    const held = (await taskRow(second.id)).checks?.find((c) => c.name === 'duplicate_invoice');
    expect(held).toMatchObject({ passed: false });
    expect(held?.detail).toContain(first.id);
    expect((await taskRow(first.id)).checks).toContainEqual(
      expect.objectContaining({ name: 'duplicate_invoice', passed: true }),
    );
  });
});

describe('a rejected reading', () => {
  it('comes back to the expert with the notes when the engine reads it the same way again', async () => {
    const parties = await activeEngagement();
    const first = await invoiceTask(parties, await nordlichtInvoice(FIRST));
    const notes = 'The number is the Vorgang';
    expect((await review(parties, first.task.id, { approve: false, notes })).status).toBe(200);
    expect(await processTask(env, first.task.id)).toBe('needs_review');
    const row = await taskRow(first.task.id);
    expect(row.checks).toContainEqual({
      name: 'rejection_addressed',
      passed: false,
      detail: `read as before the rejection: "${notes}"`,
    });
  });
});
