// CTAX/process_invoice on the fixture set: every expected field, confidence against the threshold, sources, determinism.
import { describe, expect, it } from 'vitest';
import { ctaxModule } from '../../src/modules/ai/modules/ctax';
import { documentFromBytes } from '../../src/modules/ai/text';
import { INVOICES } from '../fixtures/ai';
import { compareFields, withoutSources } from './accuracy';
import { expectSourcesResolve } from './sources';

const processInvoice = ctaxModule.taskTypes.process_invoice;
const THRESHOLD = 80;

async function run(fixture: (typeof INVOICES)[number]) {
  const doc = await documentFromBytes(await fixture.bytes(), fixture.mimeType);
  return { doc, result: processInvoice?.embedded(doc) };
}

describe('CTAX/process_invoice (embedded engine)', () => {
  for (const fixture of INVOICES) {
    describe(fixture.name, () => {
      it('reads every expected field', async () => {
        const { result } = await run(fixture);
        const wrong = compareFields(fixture.expected, withoutSources(result?.output)).filter((f) => !f.ok);
        expect(wrong).toEqual([]);
      });

      it(fixture.trusted ? 'reaches the threshold' : 'stays below the threshold', async () => {
        const { result } = await run(fixture);
        if (fixture.trusted) expect(result?.confidence).toBeGreaterThanOrEqual(THRESHOLD);
        else expect(result?.confidence).toBeLessThan(THRESHOLD);
        // A result held back always names the check that held it back.
        expect(result?.checks.some((c) => !c.passed)).toBe(!fixture.trusted);
      });

      it('points every source at the line it read', async () => {
        const { doc, result } = await run(fixture);
        expectSourcesResolve(doc, result?.output, fixture.sources);
      });

      it('returns output valid against its schema', async () => {
        const { result } = await run(fixture);
        expect(processInvoice?.output.safeParse(result?.output).success).toBe(true);
      });
    });
  }

  it('reads at least 95 % of all expected fields across the set', async () => {
    const results = [];
    for (const fixture of INVOICES) {
      const { result } = await run(fixture);
      results.push(...compareFields(fixture.expected, withoutSources(result?.output)));
    }
    expect(results.length).toBeGreaterThan(150);
    expect(results.filter((r) => r.ok).length / results.length).toBeGreaterThanOrEqual(0.95);
  });

  it('gives the same result for the same document every time', async () => {
    for (const fixture of INVOICES) {
      const first = await run(fixture);
      const second = await run(fixture);
      expect(second.doc).toEqual(first.doc);
      expect(JSON.stringify(second.result)).toBe(JSON.stringify(first.result));
    }
  });

  it('names the failed checks of the inconsistent invoices', async () => {
    const failed = async (name: string) => {
      const fixture = INVOICES.find((f) => f.name === name);
      if (!fixture) throw new Error(`no fixture ${name}`);
      const { result } = await run(fixture);
      return result?.checks.filter((c) => !c.passed).map((c) => c.name);
    };
    expect(await failed('English invoice with a mistyped IBAN (PDF)')).toEqual(['iban_checksum']);
    expect(await failed('German invoice whose gross does not add up (text)')).toEqual([
      'net_plus_vat_equals_gross',
    ]);
    expect(await failed('US invoice without an invoice number (text)')).toEqual(['required_fields_present']);
  });
});
