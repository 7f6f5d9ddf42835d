// Running one extraction: queued → running (progress per page) → completed | failed, each step a guarded
// transition. A redelivered message never crawls a finished extraction again; two workers on one extraction
// race on the version, and the one that loses a progress step stops.
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { loadConfig } from '../../config';
import type { Db } from '../../db/client';
import { createDb } from '../../db/client';
import {
  type Extraction,
  extractionBatchRows,
  extractionEntities,
  extractionPages,
  extractions,
} from '../../db/schema';
import { chunks } from '../../lib/chunks';
import { insertIf } from '../../lib/guarded-insert';
import { newId } from '../../lib/ids';
import { insertJsonRows, JSON_ROWS_CHUNK } from '../../lib/json-rows';
import { FetchFailedError, type Resolver, UnsafeUrlError } from '../../lib/safe-fetch';
import { type CrawledPage, type CrawlResult, crawlSite } from './crawl';
import type { Sleep } from './host-limit';
import { type Entity, overallConfidence } from './parse';
import { transitionExtraction } from './transition';
import { verifyEmails } from './verify/email';

/** A failure no retry can mend (unsafe URL, 4xx, not HTML): the extraction fails now. */
export class PermanentExtractionError extends Error {
  override name = 'PermanentExtractionError';
}

/** Another worker moved the extraction on; this one stops without recording anything more. */
class SupersededError extends Error {}

export type ExtractionOutcome = 'completed' | 'skipped';

export interface RunOptions {
  /** Outbound fetch and DNS; injectable for tests (the default is the runtime's). */
  fetch?: typeof fetch;
  resolve?: Resolver;
  sleep?: Sleep;
}

/**
 * Entities stored per type: a real site yields a few of each; a page listing hundreds of addresses must neither
 * fill D1 nor crowd out the other types (entities arrive sorted by type, best first).
 */
const MAX_PER_TYPE = 25;

function capPerType(entities: Entity[]): Entity[] {
  const counts = new Map<string, number>();
  return entities.filter((entity) => {
    const seen = counts.get(entity.type) ?? 0;
    counts.set(entity.type, seen + 1);
    return seen < MAX_PER_TYPE;
  });
}

export async function processExtraction(
  env: Env,
  id: string,
  options: RunOptions = {},
): Promise<ExtractionOutcome> {
  const db = createDb(env.DB);
  let row: Extraction | null =
    (await db.query.extractions.findFirst({ where: eq(extractions.id, id) })) ?? null;
  if (!row) return 'skipped';
  // Finished already: its task (if any) settles from the event recorded with the finish.
  if (row.status === 'completed' || row.status === 'failed') return 'skipped';
  if (row.status === 'queued' && row.batchId && !(await wantedByABatch(db, row.id))) {
    // Its batch was cancelled before the crawl began, and no other batch row waits for it.
    const error = 'Cancelled with its batch before the crawl began';
    await transitionExtraction(db, row, 'fail', {
      changes: { error, completedAt: new Date().toISOString() },
      data: { error },
    });
    return 'skipped';
  }
  if (row.status === 'queued') {
    row = await transitionExtraction(db, row, 'start', {
      changes: { attempts: row.attempts + 1, startedAt: new Date().toISOString(), progress: 0, error: null },
      data: { progress: 0 },
    });
    if (!row) return 'skipped';
  }

  let current: Extraction = row;
  const onPage = async (page: CrawledPage, progress: number) => {
    // A key of its own per write: a worker that lost the race below can only leave an unreferenced object,
    // never overwrite the snapshot a winning worker's row points at.
    const r2Key =
      page.html === null ? null : `extractions/${current.id}/${page.position}-${crypto.randomUUID()}.html`;
    if (r2Key && page.html !== null) {
      await env.FILES.put(r2Key, page.html, {
        httpMetadata: { contentType: 'text/html; charset=utf-8' },
        customMetadata: { url: page.url, extraction_id: current.id },
      });
    }
    const next = await transitionExtraction(db, current, 'progress', {
      changes: { progress: Math.max(current.progress, progress) },
      data: {
        progress: Math.max(current.progress, progress),
        page: { url: page.url, page_type: page.pageType, status_code: page.statusCode },
      },
      extraStatements: (won) => [pageUpsert(db, current.id, page, r2Key, won)],
    });
    if (!next) throw new SupersededError();
    current = next;
  };

  let result: CrawlResult;
  try {
    result = await crawlSite(
      current.normalizedUrl,
      {
        fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
        resolve: options.resolve,
        allowedHosts: loadConfig(env).EXTRACTION_ALLOWED_HOSTS,
        limiter: env.CRAWL_LIMITER,
        sleep: options.sleep,
      },
      onPage,
    );
  } catch (error) {
    if (error instanceof SupersededError) return 'skipped';
    if (error instanceof UnsafeUrlError) throw new PermanentExtractionError(`Refused: ${error.message}`);
    if (error instanceof FetchFailedError && !error.transient) {
      throw new PermanentExtractionError(`The site could not be read: ${error.message}`);
    }
    throw error; // transient: the queue retries with backoff
  }

  // Emails verified (MX through DoH, role, free, disposable) before confidence is taken from them.
  const entities = await verifyEmails(
    capPerType(result.entities),
    options.fetch ?? globalThis.fetch.bind(globalThis),
  );
  const confidence = overallConfidence(entities); // of what is stored, not of what was seen
  const done = await transitionExtraction(db, current, 'complete', {
    changes: { progress: 100, confidence, completedAt: new Date().toISOString() },
    data: {
      progress: 100,
      confidence,
      entities: entities.length,
      pages: result.pages.length,
    },
    // All entities in a statement or two (rows as one JSON parameter), written only if the completion won.
    extraStatements: (won) =>
      chunks(
        entities.map((entity, position) => ({
          id: newId('extraction'),
          extractionId: current.id,
          type: entity.type,
          value: entity.value,
          confidence: entity.confidence,
          sourceUrl: entity.source_url,
          role: entity.role ?? null,
          verification: entity.verification ?? null,
          position,
        })),
        JSON_ROWS_CHUNK,
      ).map((rows) => insertJsonRows(db, extractionEntities, rows, won)),
  });
  return done ? 'completed' : 'skipped';
}

/** Whether any batch row still waits for this extraction (queued or running). */
async function wantedByABatch(db: Db, extractionId: string): Promise<boolean> {
  const waiting = await db
    .select({ position: extractionBatchRows.position })
    .from(extractionBatchRows)
    .where(
      and(
        eq(extractionBatchRows.extractionId, extractionId),
        inArray(extractionBatchRows.status, ['queued', 'running']),
      ),
    )
    .limit(1);
  return waiting.length > 0;
}

/** The page's row, written only if the progress step it belongs to won (`won`). */
function pageUpsert(db: Db, extractionId: string, page: CrawledPage, r2Key: string | null, won: SQL) {
  const values = {
    url: page.url,
    pageType: page.pageType,
    statusCode: page.statusCode,
    fetchMs: page.fetchMs,
    bytes: page.bytes,
    r2Key,
    error: page.error?.slice(0, 500) ?? null,
    position: page.position,
  };
  // A rerun after a crash fetches the same pages again: same row, fresh figures.
  return insertIf(
    db,
    extractionPages,
    { id: newId('extraction'), extractionId, ...values },
    won,
  ).onConflictDoUpdate({
    target: [extractionPages.extractionId, extractionPages.url],
    set: values,
  });
}

/** Marks an extraction failed with its reason (conditional: a finished one stays finished). */
export async function failExtraction(env: Env, id: string, reason: string): Promise<void> {
  const db = createDb(env.DB);
  const row = await db.query.extractions.findFirst({ where: eq(extractions.id, id) });
  if (!row || (row.status !== 'queued' && row.status !== 'running')) return;
  const error = reason.slice(0, 1000);
  await transitionExtraction(db, row, 'fail', {
    changes: { error, completedAt: new Date().toISOString() },
    data: { error },
  });
}
