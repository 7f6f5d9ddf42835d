// Files: uploads recorded under the owning org (bytes handled by store.ts), listing, downloads, signed URLs.
import { and, desc, eq } from 'drizzle-orm';
import { type FileRow, files } from '../../db/schema';
import { sha256Hex } from '../../lib/crypto';
import { conflict, forbidden, notFound } from '../../lib/errors';
import {
  type IdempotencyClaim,
  type StoredResponse,
  storedResponse,
  storeResponse,
} from '../../lib/idempotency';
import { newId } from '../../lib/ids';
import { log } from '../../lib/logger';
import { recordEvent } from '../../lib/outbox';
import { afterCursor, toPage } from '../../lib/pagination';
import { signUrl, verifySignedUrl } from '../../lib/signed-url';
import type { TenantScope } from '../../lib/tenancy';
import { storeUpload, type UploadBytes } from './store';

export interface UploadInput extends UploadBytes {
  name: string;
  engagementId?: string;
}

export type UploadResult = { file: ReturnType<typeof toFileView> } | { replay: StoredResponse };

export function toFileView(row: FileRow) {
  return {
    id: row.id,
    name: row.name,
    size: row.size,
    mime_type: row.mimeType,
    sha256: row.sha256,
    purpose: row.purpose,
    engagement_id: row.engagementId,
    created_at: row.createdAt,
  };
}

/**
 * Stores an upload and records it. With an Idempotency-Key, the key is fingerprinted by the file's content
 * (not its multipart envelope) and recorded in the same batch as the file row, so a retry of the same file
 * replays the first answer, the same key with another file is a 409, and concurrent retries store one file.
 */
export async function uploadFile(
  scope: TenantScope,
  bucket: R2Bucket,
  input: UploadInput,
  claim?: IdempotencyClaim,
): Promise<UploadResult> {
  const { db, principal } = scope;
  if (principal.role === 'admin')
    throw forbidden('Files belong to a company or an expert; admins cannot upload');
  const engagement = input.engagementId ? await scope.engagement(input.engagementId) : undefined;
  if (engagement && engagement.status !== 'pending' && engagement.status !== 'active') {
    throw conflict(`Files cannot be attached to a ${engagement.status} engagement`);
  }
  // A file attached to an engagement belongs to the engagement's company, whoever uploaded it, so both
  // sides see it; otherwise to the uploader's company, or to the expert.
  const orgId = engagement?.orgId ?? principal.orgId;

  const id = newId('file');
  const owner = orgId ? `orgs/${orgId}` : `experts/${principal.expertId}`;
  const key = `${owner}/files/${id}`;
  const stored = await storeUpload(bucket, key, input);

  try {
    const fingerprint = await sha256Hex(
      ['POST /v1/files', input.purpose, input.name, engagement?.id ?? '', stored.sha256].join('\n'),
    );
    const earlier = claim ? await storedResponse(db, claim, fingerprint) : null;
    if (earlier) {
      await bucket.delete(key);
      return { replay: earlier };
    }
    const row = {
      id,
      orgId,
      expertId: principal.expertId,
      engagementId: engagement?.id ?? null,
      uploadedBy: principal.userId,
      name: input.name,
      size: stored.size,
      mimeType: stored.mimeType,
      sha256: stored.sha256,
      purpose: input.purpose,
      r2Key: key,
      createdAt: new Date().toISOString(),
    };
    const file = toFileView(row);
    const event = recordEvent(db, {
      type: 'file.uploaded',
      engagementId: row.engagementId,
      orgId: row.orgId,
      data: { file_id: id, name: row.name, size: row.size, mime_type: row.mimeType, purpose: row.purpose },
    });
    const response = { status: 201, body: JSON.stringify(file), contentType: 'application/json' };
    try {
      await db.batch([
        db.insert(files).values(row),
        event,
        ...(claim ? [storeResponse(db, claim, fingerprint, response)] : []),
      ]);
    } catch (error) {
      // A concurrent retry with the same key won the batch: answer as it did (or 409 for another file).
      const winner = claim ? await storedResponse(db, claim, fingerprint) : null;
      if (!winner) throw error;
      await bucket.delete(key);
      return { replay: winner };
    }
    return { file };
  } catch (error) {
    // Nothing of a refused or failed upload stays behind.
    await bucket.delete(key);
    throw error;
  }
}

export async function listFiles(
  scope: TenantScope,
  query: { limit: number; cursor?: string; engagement_id?: string },
) {
  if (query.engagement_id) await scope.engagement(query.engagement_id);
  const rows = await scope.db
    .select()
    .from(files)
    .where(
      and(
        scope.fileCondition(),
        query.engagement_id ? eq(files.engagementId, query.engagement_id) : undefined,
        afterCursor(files.id, query.cursor),
      ),
    )
    .orderBy(desc(files.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, toFileView);
}

// Types a browser renders without running page scripts of ours: the dashboard shows these beside a review.
const INLINE_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/webp']);

/**
 * The stored object as a streaming response with safe download headers. `inline` is honoured only for the
 * types above (their type was checked from the bytes at upload, and nosniff keeps it); anything else, HTML
 * or SVG included, still downloads.
 */
export async function fileResponse(
  bucket: R2Bucket,
  file: FileRow,
  requestId: string,
  disposition: 'attachment' | 'inline' = 'attachment',
): Promise<Response> {
  const object = await bucket.get(file.r2Key);
  if (!object) {
    log.error('file row without object', { file_id: file.id, key: file.r2Key });
    throw notFound('File');
  }
  const inline = disposition === 'inline' && INLINE_TYPES.has(file.mimeType);
  return new Response(object.body, {
    headers: {
      'Content-Type': file.mimeType,
      'Content-Length': String(file.size),
      ETag: `"${file.sha256}"`,
      'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      'X-Request-Id': requestId,
    },
  });
}

export function signedUrl(secret: string, origin: string, file: FileRow, now = Date.now()) {
  return signUrl(
    secret,
    { purpose: 'file-url', id: file.id, origin, path: `/v1/files/${file.id}/content` },
    now,
  );
}

/** The file a signed URL points to; 403 for a forged, altered or expired signature. */
export async function fileForSignedUrl(
  scope: { db: TenantScope['db'] },
  secret: string,
  id: string,
  expires: number,
  signature: string,
): Promise<FileRow> {
  await verifySignedUrl(secret, { purpose: 'file-url', id, expires, signature });
  const file = await scope.db.query.files.findFirst({ where: eq(files.id, id) });
  if (!file) throw notFound('File');
  return file;
}
