// TENDER/parse_rfp on the fixture set: every expected field, confidence against the threshold, sources, determinism.
import { describe, expect, it } from 'vitest';
import { tenderModule } from '../../src/modules/ai/modules/tender';
import { documentFromBytes } from '../../src/modules/ai/text';
import { RFPS } from '../fixtures/ai';
import { compareFields, withoutSources } from './accuracy';
import { expectSourcesResolve } from './sources';

const parseRfp = tenderModule.taskTypes.parse_rfp;
const THRESHOLD = 80;

async function run(fixture: (typeof RFPS)[number]) {
  // Read as the task queue reads it: in the order the task type declares.
  const doc = await documentFromBytes(await fixture.bytes(), fixture.mimeType, {
    order: parseRfp?.readingOrder,
  });
  return { doc, result: parseRfp?.embedded(doc) };
}

describe('TENDER/parse_rfp (embedded engine)', () => {
  for (const fixture of RFPS) {
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
        expect(result?.checks.some((c) => !c.passed)).toBe(!fixture.trusted);
      });

      it('points every source at the line it read', async () => {
        const { doc, result } = await run(fixture);
        expectSourcesResolve(doc, result?.output, fixture.sources);
      });

      it('returns output valid against its schema', async () => {
        const { result } = await run(fixture);
        expect(parseRfp?.output.safeParse(result?.output).success).toBe(true);
      });
    });
  }

  it('reads at least 95 % of all expected fields across the set', async () => {
    const results = [];
    for (const fixture of RFPS) {
      const { result } = await run(fixture);
      results.push(...compareFields(fixture.expected, withoutSources(result?.output)));
    }
    expect(results.length).toBeGreaterThan(80);
    expect(results.filter((r) => r.ok).length / results.length).toBeGreaterThanOrEqual(0.95);
  });

  it('gives the same result for the same document every time', async () => {
    for (const fixture of RFPS) {
      const first = await run(fixture);
      const second = await run(fixture);
      expect(JSON.stringify(second.result)).toBe(JSON.stringify(first.result));
    }
  });

  it('holds back an RFP whose deadline precedes its publication and whose lots skip a number', async () => {
    const fixture = RFPS.find((f) => f.name.includes('deadline before publication'));
    if (!fixture) throw new Error('fixture missing');
    const { result } = await run(fixture);
    expect(result?.checks.filter((c) => !c.passed).map((c) => c.name)).toEqual([
      'deadline_plausible',
      'lots_numbered_consecutively',
    ]);
  });

  it('holds back an RFP without a deadline, naming the missing field', async () => {
    const { documentFromText } = await import('../../src/modules/ai/text');
    const doc = documentFromText(
      'Ausschreibung\nTitel: Druckerpapier 2026\nAuftraggeber: Landratsamt Nordkreis\n',
    );
    const result = parseRfp?.embedded(doc);
    expect(result?.confidence).toBeLessThan(THRESHOLD);
    expect(result?.checks[0]).toEqual({
      name: 'required_fields_present',
      passed: false,
      detail: 'missing: submission_deadline',
    });
  });
});
