// Extractions: started by a company (or a LEADS task), crawled by the extractions queue, read by the company.

import { and, asc, count, desc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import type { ExtractionMessage } from '../../../queues/messages';
import { loadConfig } from '../../config';
import type { Db } from '../../db/client';
import { type Extraction, extractionEntities, extractionPages, extractions } from '../../db/schema';
import { chunks } from '../../lib/chunks';
import { newId } from '../../lib/ids';
import { keyset, type ListSpec } from '../../lib/list-query';
import { log } from '../../lib/logger';
import { requestIdField } from '../../lib/request-context';
import type { TenantScope } from '../../lib/tenancy';
import { siteKey } from './parse/domain';
import type { CreateExtractionInput, EXTRACTION_SORTS, ExtractionView, ListExtractionsQuery } from './schema';
import { acceptExtractionUrl } from './url';
import { summary, toExtractionView } from './view';

/** A result younger than this, for the same normalised URL, is answered instead of crawling again. */
export const REUSE_WITHIN_MS = 24 * 60 * 60_000;

export async function enqueueExtraction(env: Env, id: string) {
  const body: ExtractionMessage = { extraction_id: id, ...requestIdField() };
  await env.EXTRACTIONS_QUEUE.send(body, { contentType: 'json' });
}

/** Many at once (the sweep): one sendBatch per 100 messages, the queue's batch limit. */
export async function enqueueExtractions(env: Env, ids: string[]) {
  for (const part of chunks(ids, 100)) {
    await env.EXTRACTIONS_QUEUE.sendBatch(
      part.map((id) => ({
        body: { extraction_id: id, ...requestIdField() } satisfies ExtractionMessage,
        contentType: 'json' as const,
      })),
    );
  }
}

/**
 * Starts an extraction for the caller's company, or answers the one it started for the same normalised URL
 * within 24 hours (unless that one failed). Reuse stays within the company: another company's crawls are
 * none of its business, not even their timing.
 */
export async function createExtraction(
  env: Env,
  scope: TenantScope,
  input: CreateExtractionInput,
): Promise<{ extraction: ExtractionView; reused: boolean }> {
  const { db, principal } = scope;
  const orgId = principal.orgId ?? '';
  const normalizedUrl = acceptExtractionUrl(input.url, loadConfig(env).EXTRACTION_ALLOWED_HOSTS);
  const recent = await recentExtraction(db, orgId, normalizedUrl);
  if (recent) return { extraction: await viewOf(db, recent), reused: true };

  const now = new Date().toISOString();
  const row = {
    id: newId('extraction'),
    orgId,
    createdBy: principal.userId,
    url: input.url,
    normalizedUrl,
    site: siteKey(normalizedUrl),
    status: 'queued' as const,
    progress: 0,
    createdAt: now,
    updatedAt: now,
  };
  await db.insert(extractions).values(row);
  await sendOrLog(env, row.id);
  const created = await db.query.extractions.findFirst({ where: eq(extractions.id, row.id) });
  if (!created) throw new Error('extraction vanished after insert');
  return { extraction: toExtractionView(created, [], []), reused: false };
}

/** The company's latest non-failed extraction of this URL from the last 24 hours. */
export async function recentExtraction(db: Db, orgId: string, normalizedUrl: string, now = Date.now()) {
  return db.query.extractions.findFirst({
    where: and(
      eq(extractions.orgId, orgId),
      eq(extractions.normalizedUrl, normalizedUrl),
      gt(extractions.createdAt, new Date(now - REUSE_WITHIN_MS).toISOString()),
      ne(extractions.status, 'failed'),
    ),
    orderBy: desc(extractions.id),
  });
}

export async function sendOrLog(env: Env, id: string) {
  try {
    await enqueueExtraction(env, id);
  } catch (error) {
    // Not lost: the sweep re-sends extractions that stay queued.
    log.error('extraction enqueue failed', { extraction_id: id, error: String(error) });
  }
}

export async function getExtraction(scope: TenantScope, id: string): Promise<ExtractionView> {
  return viewOf(scope.db, await scope.extraction(id));
}

export async function viewOf(db: Db, row: Extraction): Promise<ExtractionView> {
  const [entities, pages] = await db.batch([
    db
      .select()
      .from(extractionEntities)
      .where(eq(extractionEntities.extractionId, row.id))
      .orderBy(asc(extractionEntities.position)),
    db
      .select()
      .from(extractionPages)
      .where(eq(extractionPages.extractionId, row.id))
      .orderBy(asc(extractionPages.position)),
  ]);
  return toExtractionView(row, entities, pages);
}

const extractionList: ListSpec<Extraction, (typeof EXTRACTION_SORTS)[number]> = {
  id: extractions.id,
  createdAt: extractions.createdAt,
  sorts: {
    url: { by: sql`${extractions.normalizedUrl} collate nocase`, value: (row) => row.normalizedUrl },
    status: { by: extractions.status, value: (row) => row.status },
    confidence: { by: sql`coalesce(${extractions.confidence}, -1)`, value: (row) => row.confidence ?? -1 },
  },
  search: [extractions.url, extractions.normalizedUrl, extractions.id],
};

export async function listExtractions(scope: TenantScope, query: ListExtractionsQuery) {
  const list = keyset(extractionList, query);
  const rows = await scope.db
    .select()
    .from(extractions)
    .where(
      and(
        scope.extractionCondition(),
        query.status?.length ? inArray(extractions.status, query.status) : undefined,
        list.where,
      ),
    )
    .orderBy(...list.orderBy)
    .limit(query.limit + 1);
  const counts = new Map<string, number>();
  if (rows.length > 0) {
    const grouped = await scope.db
      .select({ id: extractionEntities.extractionId, n: count() })
      .from(extractionEntities)
      .where(
        inArray(
          extractionEntities.extractionId,
          rows.slice(0, query.limit).map((r) => r.id), // ≤ 100: D1's limit of bound parameters
        ),
      )
      .groupBy(extractionEntities.extractionId);
    for (const g of grouped) counts.set(g.id, g.n);
  }
  return list.page(rows, (row) => ({ ...summary(row), entity_count: counts.get(row.id) ?? 0 }));
}
