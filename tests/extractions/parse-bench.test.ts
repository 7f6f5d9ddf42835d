// Prints parse + extract time of a ~1 MB page inside workerd (the runtime that matters); asserts results, not time.
import { describe, expect, it } from 'vitest';
import { buildLargePage } from '../../bench/extract-html/page';
import { extractEntities, mergeEntities, parsePage } from '../../src/modules/extractions/parse';

describe('1 MB page', () => {
  it('parses and extracts (time is logged, not asserted)', async () => {
    const html = buildLargePage();
    const times: number[] = [];
    let entities: ReturnType<typeof mergeEntities> = [];
    for (let run = 0; run < 8; run++) {
      const t0 = performance.now();
      const page = await parsePage('https://www.firma-mueller.de/impressum', html);
      entities = mergeEntities(extractEntities(page, 'impressum', 'DE'));
      times.push(performance.now() - t0);
    }
    const sorted = times.slice(2).sort((a, b) => a - b);
    console.log(
      `workerd: 1 MB parse+extract median ${sorted[sorted.length >> 1]?.toFixed(1)} ms (runs: ${times.map((t) => t.toFixed(0)).join(', ')})`,
    );
    expect(entities.some((e) => e.type === 'COMPANY_NAME' && e.value === 'Müller Maschinenbau GmbH')).toBe(
      true,
    );
  }, 30_000);
});
