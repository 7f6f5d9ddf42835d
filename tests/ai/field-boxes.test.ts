// What a reading says about each field: where it is printed (a box on the page, for the reviewer's
// document view), how far to trust it, and the value as printed where a check rejected it.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ctaxModule } from '../../src/modules/ai/modules/ctax';
import type { InvoiceOutput } from '../../src/modules/ai/modules/invoice/schema';
import { runTaskType } from '../../src/modules/ai/run';
import { documentFromBytes } from '../../src/modules/ai/text';
import type { InvoiceFixture } from '../fixtures/ai';
import { badIbanInvoice, englishInvoice } from '../fixtures/ai/invoice-en';
import { wrongSumInvoice } from '../fixtures/ai/invoice-text';

const definition = ctaxModule.taskTypes.process_invoice;

async function read(fixture: InvoiceFixture) {
  const doc = await documentFromBytes(await fixture.bytes(), fixture.mimeType);
  const result = await runTaskType(env, definition, doc, {});
  return result.output as InvoiceOutput;
}

describe('per-field boxes and confidence', () => {
  it('boxes every field it read on a PDF, on the page and line its source names', async () => {
    const output = await read(englishInvoice);
    const boxes = output.boxes ?? {};
    for (const [path, source] of Object.entries(output.source)) {
      const box = boxes[path];
      expect(box, path).toBeDefined();
      expect(box?.page).toBe(source.page);
      for (const side of [box?.x, box?.y, box?.w, box?.h]) expect(side).toBeGreaterThanOrEqual(0);
      expect((box?.x ?? 0) + (box?.w ?? 0)).toBeLessThanOrEqual(1);
      expect((box?.y ?? 0) + (box?.h ?? 0)).toBeLessThanOrEqual(1);
    }
    // Top-left origin: the totals, printed under the header, lie lower on the page than the number.
    expect(boxes.gross?.y).toBeGreaterThan(boxes.invoice_number?.y ?? 1);
    // Lines of the same source share a box; different lines do not.
    expect(boxes.gross).not.toEqual(boxes.invoice_number);
    expect(output.line_items.map((_, i) => boxes[`line_items[${i}]`])).not.toContain(undefined);
    expect(Object.values(output.field_confidence ?? {}).every((c) => c >= 80)).toBe(true);
  });

  it('keeps the printed IBAN that failed its checksum, and marks the IBAN as the field to check', async () => {
    const output = await read(badIbanInvoice);
    expect(output.iban).toBeNull();
    expect(output.printed?.iban).toMatch(/^[A-Z]{2}\d{2}( [A-Z0-9]{1,4})+$/);
    expect(output.field_confidence?.iban).toBeUndefined();
    expect(output.field_confidence?.invoice_number).toBeGreaterThanOrEqual(80);
  });

  it('lowers the amounts a failed sum concerns, not the other fields', async () => {
    const output = await read(wrongSumInvoice);
    for (const field of ['net', 'vat_amount', 'gross'])
      expect(output.field_confidence?.[field], field).toBe(50);
    expect(output.field_confidence?.invoice_number).toBeGreaterThanOrEqual(80);
    expect(output.boxes).toBeUndefined(); // plain text has no page to draw on
  });
});
