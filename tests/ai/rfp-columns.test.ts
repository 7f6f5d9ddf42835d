// TENDER/parse_rfp on tender documents set in columns: pages read column by column (full-width rows in
// place), tables of lots read by their columns, a box and a confidence per field.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { RfpOutput } from '../../src/modules/ai/modules/rfp/schema';
import { tenderModule } from '../../src/modules/ai/modules/tender';
import { runTaskType } from '../../src/modules/ai/run';
import { documentFromBytes } from '../../src/modules/ai/text';
import { INVOICE_CORPUS } from '../fixtures/invoices';
import { COLUMN_RFPS } from '../fixtures/rfps';
import { compareFields, withoutSources } from './accuracy';
import { expectSourcesResolve } from './sources';

const parseRfp = tenderModule.taskTypes.parse_rfp;
const THRESHOLD = 80;

async function read(
  fixture: (typeof COLUMN_RFPS)[number],
  order: 'rows' | 'columns' = parseRfp.readingOrder,
) {
  const doc = await documentFromBytes(await fixture.bytes(), fixture.mimeType, { order });
  return { doc, result: parseRfp.embedded(doc) };
}

const wrongFields = (fixture: (typeof COLUMN_RFPS)[number], output: unknown) =>
  compareFields(fixture.expected, withoutSources(output)).filter((f) => !f.ok);

describe('TENDER/parse_rfp on tenders set in columns', () => {
  it('has at least six column layouts in German, English and French', () => {
    expect(COLUMN_RFPS.length).toBeGreaterThanOrEqual(6);
    expect(new Set(COLUMN_RFPS.map((f) => f.expected.language))).toEqual(new Set(['de', 'en', 'fr']));
  });

  for (const fixture of COLUMN_RFPS) {
    describe(fixture.name, () => {
      it('reads issuer, title, deadlines, lots and every other expected field', async () => {
        const { result } = await read(fixture);
        expect(wrongFields(fixture, result.output)).toEqual([]);
      });

      it('reaches the threshold with every check passed', async () => {
        const { result } = await read(fixture);
        expect(result.confidence).toBeGreaterThanOrEqual(THRESHOLD);
        expect(result.checks.filter((c) => !c.passed)).toEqual([]);
      });

      it('points every source at the line of the column it read', async () => {
        const { doc, result } = await read(fixture);
        expectSourcesResolve(doc, result.output);
        expect(parseRfp.output.safeParse(result.output).success).toBe(true);
      });

      it('interleaves the columns when read row by row, getting fields wrong', async () => {
        const { result } = await read(fixture, 'rows');
        expect(wrongFields(fixture, result.output).length).toBeGreaterThan(0);
      });
    });
  }

  it('boxes each field where its column prints it, with a confidence per field', async () => {
    const fixture = COLUMN_RFPS.find((f) => f.name.includes('two prose columns'));
    if (!fixture) throw new Error('fixture missing');
    const { doc } = await read(fixture);
    const output = (await runTaskType(env, parseRfp, doc, {})).output as RfpOutput;
    const boxes = output.boxes ?? {};
    for (const path of [...Object.keys(output.source), 'lots[0]', 'lots[2]', 'other_dates[0]']) {
      const box = boxes[path];
      expect(box, path).toBeDefined();
      expect((box?.x ?? 0) + (box?.w ?? 0), path).toBeLessThanOrEqual(1);
    }
    // The issuer and the lots stand in the left column, the deadline and contact in the right one: each box
    // spans its own column only, not the row across both.
    for (const path of ['issuer', 'lots[0]', 'lots[2]'])
      expect((boxes[path]?.x ?? 1) + (boxes[path]?.w ?? 1), path).toBeLessThan(0.5);
    for (const path of ['submission_deadline', 'contact.email'])
      expect(boxes[path]?.x, path).toBeGreaterThan(0.5);
    expect(boxes['lots[2]']?.y).toBeGreaterThan(boxes['lots[0]']?.y ?? 1);
    expect(output.field_confidence).toMatchObject({ issuer: 90, submission_deadline: 90, lots: 90 });
  });

  it('reads a lot’s deadline that differs from the tender’s as a dated event of that lot', async () => {
    const fixture = COLUMN_RFPS.find((f) => f.name.includes('deadline per lot'));
    if (!fixture) throw new Error('fixture missing');
    const { result } = await read(fixture);
    expect(result.output.submission_deadline).toBe('2025-05-15T12:00');
    expect(result.output.other_dates.at(-1)).toMatchObject({ label: 'Date limite Lot 3' });
    expect(result.output.other_dates.at(-1)?.source.text).toContain('Fauchage');
  });

  it('keeps invoices and single-column pages as they read row by row', async () => {
    const sample = INVOICE_CORPUS.filter((f) => f.mimeType === 'application/pdf').filter(
      (_, i) => i % 4 === 0,
    );
    for (const fixture of sample) {
      const bytes = await fixture.bytes();
      const rows = await documentFromBytes(bytes, fixture.mimeType);
      const columns = await documentFromBytes(bytes, fixture.mimeType, { order: 'columns' });
      expect(columns.pages, fixture.name).toEqual(rows.pages);
    }
  });
});
