// Invoices without a text layer (photos, scanned PDFs): read by OCR when Workers AI is configured, otherwise
// held for review with the reason — never failed, never completed unseen.
import { env } from 'cloudflare:workers';
import { PDFDocument } from 'pdf-lib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodePng } from '../../src/modules/ai/ocr/png';
import { processTask } from '../../src/modules/tasks/process';
import { call, json } from '../helpers';
import { deliver, withAi, workersAi } from './delivery';
import { activeEngagement, CLEAN_INVOICE, insertTask, type Parties, taskRow } from './fixtures';

afterEach(() => vi.restoreAllMocks());

/** A grey "photo" of a page: no text anywhere in the file. */
const photo = () =>
  encodePng({ width: 240, height: 320, channels: 1, data: new Uint8Array(240 * 320).fill(200) });

/** A PDF whose only content is the page image, as a scanner writes it. */
async function scannedPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const image = await pdf.embedPng(await photo());
  pdf.addPage([595, 842]).drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
  return pdf.save();
}

async function uploadTask(parties: Parties, bytes: Uint8Array, type: string) {
  const upload = await call(`/v1/files?purpose=invoice&name=scan`, {
    token: parties.company.token,
    body: bytes,
    headers: { 'Content-Type': type },
  });
  expect(upload.status).toBe(201);
  return insertTask(parties, { input: { file_id: (await json(upload)).id } });
}

describe('invoices without a text layer', () => {
  it('sends a photographed invoice to review with the reason when no OCR is configured', async () => {
    const parties = await activeEngagement();
    const task = await uploadTask(parties, await photo(), 'image/png');
    expect(await processTask(env, task.id)).toBe('needs_review');
    const row = await taskRow(task.id);
    expect(row.aiConfidence).toBe(0);
    expect(row.checks).toContainEqual({
      name: 'text_layer',
      passed: false,
      detail: 'no text layer; OCR not configured',
    });
  });

  it('sends a scanned PDF to review the same way', async () => {
    const parties = await activeEngagement();
    const task = await uploadTask(parties, await scannedPdf(), 'application/pdf');
    expect(await processTask(env, task.id)).toBe('needs_review');
    expect((await taskRow(task.id)).checks?.[0]).toMatchObject({ name: 'text_layer', passed: false });
  });

  it('reads the page image of a scanned PDF with the OCR model and applies the same checks', async () => {
    const parties = await activeEngagement();
    const task = await uploadTask(parties, await scannedPdf(), 'application/pdf');
    const model = workersAi(() => ({ response: CLEAN_INVOICE }));
    // The same stand-in answers the extraction call with text, not JSON: the embedded reading of the
    // transcription stands, and a clean invoice completes unseen.
    const aiEnv = withAi(model.binding);
    expect(await processTask(aiEnv, task.id, { allowAi: true })).toBe('completed');
    const ocrCall = model.calls[0] as { model: string; input: { image: number[] } };
    expect(ocrCall.model).toMatch(/vision/);
    // The image sent is a PNG of the scanned page.
    expect(ocrCall.input.image.slice(0, 4)).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const row = await taskRow(task.id);
    expect(row.output).toMatchObject({ invoice_number: 'RE-2026-0042', net: 100000, gross: 119000 });
    expect(row.modelUsed).toBe('engage-embedded-v1+ocr');
    expect(row.checks?.some((c) => c.name === 'text_layer')).toBe(false);
  });

  it('holds a photo too large for OCR for review without calling the model', async () => {
    const parties = await activeEngagement();
    // Noise does not compress: a 1500 × 1000 RGB photo stays over the OCR limit as a PNG.
    const noise = new Uint8Array(1500 * 1000 * 3);
    for (let i = 0; i < noise.length; i += 65536) crypto.getRandomValues(noise.subarray(i, i + 65536));
    const big = await encodePng({ width: 1500, height: 1000, channels: 3, data: noise });
    const task = await uploadTask(parties, big, 'image/png');
    const model = workersAi(() => ({ response: CLEAN_INVOICE }));
    expect(await processTask(withAi(model.binding), task.id)).toBe('needs_review');
    expect(model.calls).toHaveLength(0);
    expect((await taskRow(task.id)).checks?.[0]).toMatchObject({ name: 'text_layer', passed: false });
    expect((await taskRow(task.id)).checks?.[0]?.detail).toMatch(/too large for OCR/);
  });

  it('retries while the OCR model is down, and on the last attempt holds the scan for review', async () => {
    const parties = await activeEngagement();
    const task = await uploadTask(parties, await photo(), 'image/png');
    const down = workersAi(() => {
      throw new Error('AI unavailable');
    });
    const aiEnv = withAi(down.binding);
    expect(await deliver(task.id, 1, aiEnv)).toMatchObject({ retried: true });
    expect((await taskRow(task.id)).status).toBe('in_progress');
    expect(await deliver(task.id, 6, aiEnv)).toMatchObject({ acked: true });
    const row = await taskRow(task.id);
    expect(row.status).toBe('needs_review');
    expect(row.checks?.[0]).toMatchObject({
      name: 'text_layer',
      detail: 'no text layer; OCR unavailable after retries',
    });
  });
});
