// A batch's rows planned before anything is written: each URL normalised and judged by the SSRF rules that
// need no network (a bad or unsafe URL fails its own row, the batch goes on), then grouped by site — one crawl
// per registrable domain, started from the first row's URL, its result shared by every row of the site.
import type { BatchCounts, BatchRowStatus } from '../../db/schema';
import { ApiError } from '../../lib/errors';
import { siteKey } from '../extractions/parse/domain';
import { acceptExtractionUrl } from '../extractions/url';
import type { BatchInput } from './csv-in';

export interface PlannedRow {
  position: number;
  raw: string[];
  url: string | null;
  normalizedUrl: string | null;
  site: string | null;
  status: BatchRowStatus;
  error: string | null;
}

export interface Plan {
  rows: PlannedRow[];
  /** Site → the normalised URL its crawl starts from (the site's first row). */
  sites: Map<string, string>;
}

export function planBatch(input: BatchInput, allowedHosts: readonly string[]): Plan {
  const sites = new Map<string, string>();
  const rows = input.rows.map((raw, position): PlannedRow => {
    const url = raw[input.urlIndex]?.trim() ?? '';
    const base = { position, raw, url: url || null, normalizedUrl: null, site: null };
    if (url === '') return { ...base, status: 'skipped', error: 'No URL in this row' };
    let normalizedUrl: string;
    try {
      normalizedUrl = acceptExtractionUrl(url, allowedHosts);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const reason = error.options.errors?.[0]?.message ?? error.detail;
      const invalid = reason === 'not a valid URL' || reason.includes('(invalid_url)');
      return { ...base, status: 'failed', error: invalid ? 'Not a valid URL' : `Refused: ${reason}` };
    }
    const site = siteKey(normalizedUrl);
    if (!sites.has(site)) sites.set(site, normalizedUrl);
    return { ...base, normalizedUrl, site, status: 'queued', error: null };
  });
  return { rows, sites };
}

export function countRows(rows: readonly { status: BatchRowStatus }[]): BatchCounts {
  const counts: BatchCounts = {
    total: rows.length,
    queued: 0,
    running: 0,
    completed: 0,
    failed: 0,
    skipped: 0,
    cancelled: 0,
  };
  for (const row of rows) counts[row.status] += 1;
  return counts;
}
