// Extraction batches: accepted in one request (rows planned, written in a handful of multi-row statements, one
// crawl per new site sent to the extractions queue), followed through the extraction events (./sync), read,
// listed and cancelled by the company that started them.

import { and, asc, desc, eq, gt, inArray, ne } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { ExtractionMessage } from '../../../queues/messages';
import { loadConfig } from '../../config';
import type { Db } from '../../db/client';
import {
  type BatchRowStatus,
  type ExtractionBatch,
  extractionBatches,
  extractionBatchRows,
  extractions,
} from '../../db/schema';
import { chunks } from '../../lib/chunks';
import { conflict } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { inJsonList, insertJsonRows } from '../../lib/json-rows';
import { log } from '../../lib/logger';
import { recordEvent } from '../../lib/outbox';
import { afterCursor, type ListQuery, toPage } from '../../lib/pagination';
import { requestIdField } from '../../lib/request-context';
import type { TenantScope } from '../../lib/tenancy';
import { siteKey } from '../extractions/parse/domain';
import { REUSE_WITHIN_MS } from '../extractions/service';
import { liveRows, refreshBatch } from './counts';
import type { BatchInput } from './csv-in';
import { countRows, type PlannedRow, planBatch } from './plan';
import type { BatchView } from './schema';
import { toBatchRowView, toBatchView } from './view';

/**
 * Crawls a batch lets start per second: the first 40 at once, the rest delayed in steps, so a batch of
 * 10,000 sites enters the queue over a few minutes instead of standing in front of every other company's
 * extraction. Capped under the sweep's five minutes (recovery.ts), which would otherwise resend them early.
 */
const CRAWLS_PER_SECOND = 40;
const MAX_DELAY_SECONDS = 240;
/** Rows per multi-row insert, and the most JSON one statement carries. */
const ROWS_PER_STATEMENT = 500;
const BYTES_PER_STATEMENT = 90_000;

export async function createBatch(env: Env, scope: TenantScope, input: BatchInput): Promise<BatchView> {
  const { db, principal } = scope;
  const orgId = principal.orgId ?? '';
  const plan = planBatch(input, loadConfig(env).EXTRACTION_ALLOWED_HOSTS);
  const now = new Date().toISOString();
  const batchId = newId('extractionBatch');

  // Sites this company crawled in the last 24 hours (not failed) are answered by that result.
  const recent = await recentBySite(db, orgId, [...plan.sites.values()]);
  const crawlOf = new Map<string, { id: string; status: BatchRowStatus }>();
  const fresh: (typeof extractions.$inferInsert)[] = [];
  // Each site's crawl starts from its first row's URL (one pass over the rows, not one per site).
  const firstUrl = new Map<string, string>();
  for (const row of plan.rows)
    if (row.site && row.url && !firstUrl.has(row.site)) firstUrl.set(row.site, row.url);
  for (const [site, url] of plan.sites) {
    const reused = recent.get(url);
    if (reused) {
      crawlOf.set(site, { id: reused.id, status: reused.status === 'failed' ? 'queued' : reused.status });
      continue;
    }
    const id = newId('extraction');
    crawlOf.set(site, { id, status: 'queued' });
    fresh.push({
      id,
      orgId,
      createdBy: principal.userId,
      url: firstUrl.get(site) ?? url,
      normalizedUrl: url,
      site: siteKey(url),
      status: 'queued',
      progress: 0,
      batchId,
      createdAt: now,
      updatedAt: now,
    });
  }
  const rows = plan.rows.map((row) => {
    const crawl = row.site ? crawlOf.get(row.site) : undefined;
    return { ...row, extractionId: crawl?.id ?? null, status: crawl ? crawl.status : row.status };
  });
  const counts = countRows(rows);
  const done = liveRows(counts) === 0;
  const status = done ? (counts.cancelled > 0 ? 'cancelled' : 'completed') : 'running';

  const statements: BatchItem<'sqlite'>[] = [
    db.insert(extractionBatches).values({
      id: batchId,
      orgId,
      createdBy: principal.userId,
      status,
      source: input.source,
      columns: input.columns,
      urlColumn: input.urlColumn,
      counts,
      sites: plan.sites.size,
      reused: plan.sites.size - fresh.length,
      createdAt: now,
      completedAt: done ? now : null,
      updatedAt: now,
    }),
    ...chunks(fresh, ROWS_PER_STATEMENT).map((part) => insertJsonRows(db, extractions, part)),
    ...sizedChunks(rows.map((row) => rowInsert(batchId, row, now))).map((part) =>
      insertJsonRows(db, extractionBatchRows, part),
    ),
    recordEvent(db, {
      type: done ? 'extraction_batch.completed' : 'batch.progress',
      orgId,
      data: { batch_id: batchId, status, counts },
    }),
  ];
  await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  await enqueueCrawls(
    env,
    fresh.map((row) => row.id),
  );
  log.info('extraction batch accepted', {
    batch_id: batchId,
    rows: counts.total,
    sites: plan.sites.size,
    crawls: fresh.length,
  });
  return toBatchView(await fetchBatch(db, batchId));
}

function rowInsert(batchId: string, row: PlannedRow & { extractionId: string | null }, now: string) {
  return {
    batchId,
    position: row.position,
    raw: row.raw,
    url: row.url,
    normalizedUrl: row.normalizedUrl,
    site: row.site,
    extractionId: row.extractionId,
    status: row.status,
    error: row.error,
    updatedAt: now,
  };
}

/** Chunks of at most ROWS_PER_STATEMENT rows and about BYTES_PER_STATEMENT of JSON (wide CSVs). */
function sizedChunks<T extends { raw: string[] }>(rows: T[]): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = 200 + row.raw.reduce((sum, cell) => sum + cell.length + 3, 0);
    if (current.length > 0 && (current.length >= ROWS_PER_STATEMENT || bytes + size > BYTES_PER_STATEMENT)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** The newest non-failed extraction of the company per URL from the last 24 hours (one statement per 500). */
async function recentBySite(db: Db, orgId: string, urls: string[]) {
  const found = new Map<string, { id: string; status: 'queued' | 'running' | 'completed' | 'failed' }>();
  if (urls.length === 0) return found;
  const since = new Date(Date.now() - REUSE_WITHIN_MS).toISOString();
  const queries = chunks(urls, 500).map((part) =>
    db
      .select({ id: extractions.id, url: extractions.normalizedUrl, status: extractions.status })
      .from(extractions)
      .where(
        and(
          eq(extractions.orgId, orgId),
          gt(extractions.createdAt, since),
          ne(extractions.status, 'failed'),
          inJsonList(extractions.normalizedUrl, part),
        ),
      )
      .orderBy(desc(extractions.id)),
  );
  const results = await db.batch(queries as [(typeof queries)[number], ...(typeof queries)[number][]]);
  for (const row of results.flat()) if (!found.has(row.url)) found.set(row.url, row);
  return found;
}

/** One sendBatch per 100 messages (the queue's limit), a few in flight at once, later ones delayed. */
async function enqueueCrawls(env: Env, ids: string[]) {
  const traced = requestIdField();
  const messages = ids.map((id, i) => ({
    body: { extraction_id: id, ...traced } satisfies ExtractionMessage,
    contentType: 'json' as const,
    delaySeconds: Math.min(MAX_DELAY_SECONDS, Math.floor(i / CRAWLS_PER_SECOND)),
  }));
  const parts = chunks(messages, 100);
  for (const group of chunks(parts, 10)) {
    try {
      await Promise.all(group.map((part) => env.EXTRACTIONS_QUEUE.sendBatch(part)));
    } catch (error) {
      // Not lost: the sweep re-sends extractions that stay queued (recovery.ts).
      log.error('batch enqueue failed', { error: String(error) });
    }
  }
}

async function fetchBatch(db: Db, id: string): Promise<ExtractionBatch> {
  const row = await db.query.extractionBatches.findFirst({ where: eq(extractionBatches.id, id) });
  if (!row) throw new Error('extraction batch vanished after insert');
  return row;
}

export async function getBatch(scope: TenantScope, id: string): Promise<BatchView> {
  return toBatchView(await scope.extractionBatch(id));
}

export async function listBatches(
  scope: TenantScope,
  query: ListQuery & { status?: ExtractionBatch['status'] },
) {
  const rows = await scope.db
    .select()
    .from(extractionBatches)
    .where(
      and(
        scope.extractionBatchCondition(),
        query.status ? eq(extractionBatches.status, query.status) : undefined,
        afterCursor(extractionBatches.id, query.cursor),
      ),
    )
    .orderBy(desc(extractionBatches.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, toBatchView);
}

export async function listBatchRows(
  scope: TenantScope,
  id: string,
  query: { limit: number; cursor?: string; status?: BatchRowStatus },
) {
  const batch = await scope.extractionBatch(id);
  const rows = await scope.db
    .select()
    .from(extractionBatchRows)
    .where(
      and(
        eq(extractionBatchRows.batchId, batch.id),
        query.status ? eq(extractionBatchRows.status, query.status) : undefined,
        query.cursor ? gt(extractionBatchRows.position, Number(query.cursor)) : undefined,
      ),
    )
    .orderBy(asc(extractionBatchRows.position))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map(toBatchRowView),
    next_cursor: rows.length > query.limit && last ? String(last.position) : null,
  };
}

/**
 * Rows whose crawl has not begun become cancelled; rows already running finish. The batch ends (cancelled)
 * once nothing runs any more — at once when nothing was running. Cancelling twice changes nothing more.
 */
export async function cancelBatch(scope: TenantScope, id: string): Promise<BatchView> {
  const { db } = scope;
  const batch = await scope.extractionBatch(id);
  if (batch.status !== 'running') throw conflict(`Cannot cancel an extraction batch that is ${batch.status}`);
  if (batch.cancelRequestedAt) return toBatchView(batch);
  const now = new Date().toISOString();
  const notStarted = db
    .select({ id: extractions.id })
    .from(extractions)
    .where(eq(extractions.status, 'queued'));
  await db.batch([
    db
      .update(extractionBatchRows)
      .set({ status: 'cancelled', error: 'Cancelled before its crawl began', updatedAt: now })
      .where(
        and(
          eq(extractionBatchRows.batchId, batch.id),
          eq(extractionBatchRows.status, 'queued'),
          inArray(extractionBatchRows.extractionId, notStarted),
        ),
      ),
    db
      .update(extractionBatches)
      .set({ cancelRequestedAt: now })
      .where(and(eq(extractionBatches.id, batch.id), eq(extractionBatches.status, 'running'))),
  ]);
  const after = await refreshBatch(db, batch.id, true);
  return toBatchView(after ?? (await fetchBatch(db, batch.id)));
}
