// Documents: claimed (numbered) once per kind and source, rendered from their frozen content, stored in R2,
// then marked ready with their `document.generated` event. Every step can run again: a redelivered event
// finds the claimed row and either stops (ready) or finishes it with the number it already has, so numbers
// are never skipped or repeated. Reading is tenant-scoped (lib/tenancy.ts).
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type DocumentRow, documents } from '../../db/schema';
import { sha256Hex } from '../../lib/crypto';
import { notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { log } from '../../lib/logger';
import { recordEvent } from '../../lib/outbox';
import { afterCursor, toPage } from '../../lib/pagination';
import { signUrl, verifySignedUrl } from '../../lib/signed-url';
import type { TenantScope } from '../../lib/tenancy';
import type { DocumentKind } from './content';
import { renderDocument } from './render';
import type { DocumentDraft } from './sources';

const objectKey = (id: string, draft: Pick<DocumentDraft, 'kind' | 'orgId' | 'expertId'>) =>
  draft.kind === 'payout_statement' || !draft.orgId
    ? `experts/${draft.expertId}/documents/${id}.pdf`
    : `orgs/${draft.orgId}/documents/${id}.pdf`;

/**
 * Claims the document of `draft`'s source, numbered next in its series, unless it exists: one D1 batch (one
 * transaction, and D1 runs them one at a time), so concurrent claims of one series see each other's numbers.
 * The counter moves only with a row that was inserted. Returns the row, whoever claimed it.
 */
export async function claimDocument(d1: D1Database, draft: DocumentDraft, issuedAt: string) {
  const id = newId('document');
  await d1.batch([
    d1
      .prepare(
        `INSERT OR IGNORE INTO documents (id, kind, source_id, series, sequence, number, org_id, expert_id,
           engagement_id, payment_id, payout_id, status, content, currency, total, r2_key, issued_at, created_at)
         SELECT ?1, ?2, ?3, ?4, next.n, printf(?5, next.n), ?6, ?7, ?8, ?9, ?10, 'pending', ?11, ?12, ?13, ?14, ?15, ?15
         FROM (SELECT coalesce((SELECT last FROM document_counters WHERE series = ?4), 0) + 1 AS n) AS next
         WHERE NOT EXISTS (SELECT 1 FROM documents WHERE kind = ?2 AND source_id = ?3)`,
      )
      .bind(
        id,
        draft.kind,
        draft.sourceId,
        draft.series,
        draft.format,
        draft.orgId,
        draft.expertId,
        draft.engagementId,
        draft.paymentId,
        draft.payoutId,
        JSON.stringify(draft.content),
        draft.currency,
        draft.total,
        objectKey(id, draft),
        issuedAt,
      ),
    d1
      .prepare(
        `INSERT INTO document_counters (series, last) SELECT series, sequence FROM documents WHERE id = ?1
         ON CONFLICT (series) DO UPDATE SET last = excluded.last`,
      )
      .bind(id),
  ]);
  const row = await d1
    .prepare('SELECT id FROM documents WHERE kind = ? AND source_id = ?')
    .bind(draft.kind, draft.sourceId)
    .first<{ id: string }>();
  if (!row) throw new Error(`document of ${draft.kind} ${draft.sourceId} neither claimed nor found`);
  return row.id;
}

/** Renders a claimed document, stores its PDF and marks it ready with its event (once, whoever races). */
export async function finishDocument(db: Db, bucket: R2Bucket, id: string) {
  const row = await db.query.documents.findFirst({ where: eq(documents.id, id) });
  if (!row) throw notFound('Document');
  if (row.status === 'ready') return row;
  const bytes = await renderDocument(row.kind, row.number, row.issuedAt, row.content);
  const sha256 = await sha256Hex(bytes);
  await bucket.put(row.r2Key, bytes, {
    httpMetadata: { contentType: 'application/pdf' },
    sha256,
  });
  const eventId = newId('event');
  await db.batch([
    db
      .update(documents)
      .set({ status: 'ready', size: bytes.byteLength, sha256, lastEventId: eventId })
      .where(and(eq(documents.id, row.id), eq(documents.status, 'pending'))),
    recordEvent(
      db,
      {
        id: eventId,
        type: 'document.generated',
        engagementId: row.kind === 'payout_statement' ? null : row.engagementId,
        orgId: row.kind === 'payout_statement' ? null : row.orgId,
        data: {
          document_id: row.id,
          kind: row.kind,
          number: row.number,
          source_id: row.sourceId,
          engagement_id: row.engagementId,
          expert_id: row.expertId,
          size: bytes.byteLength,
          sha256,
        },
      },
      { onlyIf: sql`EXISTS (SELECT 1 FROM documents WHERE id = ${row.id} AND last_event_id = ${eventId})` },
    ),
  ]);
  log.info('document generated', { document_id: row.id, kind: row.kind, number: row.number });
  return { ...row, status: 'ready' as const, size: bytes.byteLength, sha256 };
}

/** The whole path for a draft: claim (or find) its document, then finish it. */
export async function generateDocument(env: Env, db: Db, draft: DocumentDraft, issuedAt: string) {
  const id = await claimDocument(env.DB, draft, issuedAt);
  return finishDocument(db, env.FILES, id);
}

export function toDocumentView(row: DocumentRow) {
  return {
    id: row.id,
    kind: row.kind,
    number: row.number,
    status: row.status,
    engagement_id: row.engagementId,
    payment_id: row.paymentId,
    payout_id: row.payoutId,
    expert_id: row.expertId,
    currency: row.currency,
    total: row.total,
    size: row.size ?? 0,
    sha256: row.sha256 ?? '',
    issued_at: row.issuedAt,
    created_at: row.createdAt,
  };
}

export async function listDocuments(
  scope: TenantScope,
  query: {
    limit: number;
    cursor?: string;
    kind?: DocumentKind;
    engagement_id?: string;
    payment_id?: string;
    payout_id?: string;
  },
) {
  // A filter by something the caller cannot see is a 404, as every list answers it (not an empty page).
  if (query.engagement_id) await scope.engagement(query.engagement_id);
  if (query.payment_id) await scope.payment(query.payment_id);
  if (query.payout_id) await scope.payout(query.payout_id);
  const rows = await scope.db
    .select()
    .from(documents)
    .where(
      and(
        scope.documentCondition(),
        query.kind ? eq(documents.kind, query.kind) : undefined,
        query.engagement_id ? eq(documents.engagementId, query.engagement_id) : undefined,
        query.payment_id ? eq(documents.paymentId, query.payment_id) : undefined,
        query.payout_id ? eq(documents.payoutId, query.payout_id) : undefined,
        afterCursor(documents.id, query.cursor),
      ),
    )
    .orderBy(desc(documents.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, toDocumentView);
}

const URL_PURPOSE = 'document-url';

export function documentUrl(secret: string, origin: string, row: DocumentRow) {
  return signUrl(secret, {
    purpose: URL_PURPOSE,
    id: row.id,
    origin,
    path: `/v1/documents/${row.id}/content`,
  });
}

/** How long an emailed link opens its document: an email is read days later, not within minutes. */
export const EMAIL_LINK_TTL_SECONDS = 30 * 86_400;

/**
 * The signed URL of the PDF (shown inline) for an email: the same link as `documentUrl`, on the app's origin,
 * valid EMAIL_LINK_TTL_SECONDS. After that the document stays on the dashboard's Documents page.
 */
export async function documentEmailUrl(secret: string, appUrl: string, row: DocumentRow, now = Date.now()) {
  const link = await signUrl(
    secret,
    { purpose: URL_PURPOSE, id: row.id, origin: appUrl, path: `/v1/documents/${row.id}/content` },
    now,
    EMAIL_LINK_TTL_SECONDS,
  );
  return { ...link, url: `${link.url}&disposition=inline` };
}

/** The document a signed URL points to; 403 for a forged, altered or expired signature. */
export async function documentForSignedUrl(
  db: Db,
  secret: string,
  link: { id: string; expires: number; signature: string },
) {
  await verifySignedUrl(secret, { purpose: URL_PURPOSE, ...link });
  const row = await db.query.documents.findFirst({
    where: and(eq(documents.id, link.id), eq(documents.status, 'ready')),
  });
  if (!row) throw notFound('Document');
  return row;
}

/** The stored PDF (inline: browsers show it; the file name carries the number). */
export async function documentResponse(
  bucket: R2Bucket,
  row: DocumentRow,
  requestId: string,
  disposition: 'attachment' | 'inline' = 'attachment',
) {
  const object = await bucket.get(row.r2Key);
  if (!object) {
    log.error('document row without object', { document_id: row.id, key: row.r2Key });
    throw notFound('Document');
  }
  return new Response(object.body, {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(object.size),
      ETag: `"${row.sha256}"`,
      'Content-Disposition': `${disposition}; filename="${row.number}.pdf"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      'X-Request-Id': requestId,
    },
  });
}
