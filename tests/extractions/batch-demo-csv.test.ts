// The README's demo batch (docs/demo-leads.csv) planned as `bun run dev` would plan it: the two demo sites,
// one row repeating a site (one crawl, shared), one bad URL failing alone.
import { describe, expect, it } from 'vitest';
import demoCsv from '../../docs/demo-leads.csv?raw';
import { parseCsvBatch } from '../../src/modules/extraction-batches/csv-in';
import { planBatch } from '../../src/modules/extraction-batches/plan';

// What `bun run dev` lists in EXTRACTION_ALLOWED_HOSTS (scripts/demo-sites.ts, not imported: it is Bun code).
const DEMO_HOSTS = ['localhost:8790', 'localhost:8791'];

describe('docs/demo-leads.csv', () => {
  it('plans two demo sites, shares the duplicate row and fails the bad one', () => {
    const input = parseCsvBatch(demoCsv, undefined);
    expect(input.urlColumn).toBe('website');
    const plan = planBatch(input, DEMO_HOSTS);
    expect(plan.sites.size).toBe(2);
    expect(plan.rows.map((r) => r.status)).toEqual(['queued', 'queued', 'queued', 'failed']);
    expect(plan.rows[2]?.site).toBe(plan.rows[0]?.site);
    expect(plan.rows[3]?.error).toBe('Not a valid URL');
  });
});
