// Files: uploads checked from their bytes and streamed to R2 under the owning org, downloads, signed URLs.
import { and, desc, eq } from 'drizzle-orm';
import { type FileRow, files } from '../../db/schema';
import { hmacSign, hmacVerify } from '../../lib/crypto';
import { ApiError, forbidden, notFound, tooLarge, unsupportedMediaType } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { log } from '../../lib/logger';
import { recordEvent } from '../../lib/outbox';
import { afterCursor, toPage } from '../../lib/pagination';
import type { TenantScope } from '../../lib/tenancy';
import { claimMatches, type Purpose, UPLOAD_POLICIES } from './policy';
import { isDocx, MIME, type Mime, SNIFF_BYTES, sniffMime, zipEntryNames } from './sniff';
import { measure, peek, readCapped } from './stream';

export interface UploadInput {
  purpose: Purpose;
  name: string;
  engagementId?: string;
  /** Content type the client claimed; it must not contradict the bytes. */
  claimedType?: string;
  /** Length the client declared, when it did. */
  size?: number;
  body: ReadableStream<Uint8Array>;
}

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

export async function uploadFile(scope: TenantScope, bucket: R2Bucket, input: UploadInput) {
  const { db, principal } = scope;
  if (principal.role === 'admin')
    throw forbidden('Files belong to a company or an expert; admins cannot upload');
  const policy = UPLOAD_POLICIES[input.purpose];
  const engagement = input.engagementId ? await scope.engagement(input.engagementId) : undefined;
  if (input.size !== undefined && input.size > policy.maxBytes) {
    throw tooLarge(`${input.purpose} files are limited to ${policy.maxBytes} bytes`);
  }

  const { head, stream } = await peek(input.body, SNIFF_BYTES);
  if (head.byteLength === 0)
    throw new ApiError(422, 'The file is empty', { errors: [{ path: 'file', message: 'empty' }] });
  const sniffed = sniffMime(head);
  // A ZIP may still prove to be a DOCX once its directory is read, so a DOCX claim waits for that check.
  const claimPlausible =
    sniffed !== null &&
    (claimMatches(input.claimedType, sniffed) ||
      (sniffed === MIME.zip && claimMatches(input.claimedType, MIME.docx)));
  if (!sniffed || !claimPlausible) {
    await stream.cancel();
    throw unsupportedMediaType(
      sniffed
        ? `The bytes are ${sniffed}, which contradicts the claimed ${input.claimedType}`
        : 'The bytes are not of a type Engage accepts (PDF, DOCX, PNG, JPEG, WebP, GIF or ZIP)',
    );
  }
  const zipLike = sniffed === MIME.zip;
  if (!zipLike && !policy.types.includes(sniffed)) {
    await stream.cancel();
    throw unsupportedMediaType(
      `${input.purpose} files must be ${policy.types.join(', ')}; this is ${sniffed}`,
    );
  }

  const id = newId('file');
  const owner = principal.orgId ? `orgs/${principal.orgId}` : `experts/${principal.expertId}`;
  const key = `${owner}/files/${id}`;
  const meter = measure(policy.maxBytes);
  const measured = stream.pipeThrough(meter.transform);
  // R2 needs a known length for a stream; without one the upload is read (capped) into memory instead.
  const payload =
    input.size !== undefined
      ? measured.pipeThrough(new FixedLengthStream(input.size))
      : await readCapped(measured, policy.maxBytes);
  try {
    await bucket.put(key, payload, { httpMetadata: { contentType: sniffed } });
  } catch (error) {
    if (meter.size() > policy.maxBytes)
      throw tooLarge(`${input.purpose} files are limited to ${policy.maxBytes} bytes`);
    if (error instanceof ApiError) throw error;
    throw new ApiError(400, 'The upload was shorter or longer than its declared Content-Length');
  }

  try {
    const mimeType = zipLike ? await refineZip(bucket, key, meter.size()) : sniffed;
    if (!policy.types.includes(mimeType) || !claimMatches(input.claimedType, mimeType)) {
      throw unsupportedMediaType(
        `${input.purpose} files must be ${policy.types.join(', ')}; this is ${mimeType}`,
      );
    }
    const row: typeof files.$inferInsert = {
      id,
      orgId: principal.orgId,
      expertId: principal.orgId ? null : principal.expertId,
      engagementId: engagement?.id ?? null,
      uploadedBy: principal.userId,
      name: input.name,
      size: meter.size(),
      mimeType,
      sha256: await meter.sha256(),
      purpose: input.purpose,
      r2Key: key,
    };
    const [inserted] = await db.batch([
      db.insert(files).values(row).returning(),
      recordEvent(db, {
        type: 'file.uploaded',
        engagementId: row.engagementId,
        orgId: row.orgId,
        data: { file_id: id, name: row.name, size: row.size, mime_type: mimeType, purpose: row.purpose },
      }),
    ]);
    const created = inserted[0];
    if (!created) throw new Error('file insert returned no row');
    return toFileView(created);
  } catch (error) {
    // Nothing of a refused or failed upload stays behind.
    await bucket.delete(key);
    throw error;
  }
}

/** A ZIP is a DOCX when its central directory holds a Word document; read from the stored object's tail. */
async function refineZip(bucket: R2Bucket, key: string, size: number): Promise<Mime> {
  const tailLength = Math.min(size, 1024 * 1024);
  const object = await bucket.get(key, { range: { offset: size - tailLength, length: tailLength } });
  if (!object) return MIME.zip;
  const names = zipEntryNames(new Uint8Array(await object.arrayBuffer()), size - tailLength);
  if (!names) throw unsupportedMediaType('The ZIP container is damaged or truncated');
  return isDocx(names) ? MIME.docx : MIME.zip;
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

/** The stored object as a streaming response with safe download headers. */
export async function fileResponse(bucket: R2Bucket, file: FileRow): Promise<Response> {
  const object = await bucket.get(file.r2Key);
  if (!object) {
    log.error('file row without object', { file_id: file.id, key: file.r2Key });
    throw notFound('File');
  }
  return new Response(object.body, {
    headers: {
      'Content-Type': file.mimeType,
      'Content-Length': String(file.size),
      ETag: `"${file.sha256}"`,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  });
}

export const SIGNED_URL_TTL_SECONDS = 300;

const signedMessage = (id: string, expires: number) => `file-url\n${id}\n${expires}`;

export async function signedUrl(secret: string, origin: string, file: FileRow, now = Date.now()) {
  const expires = Math.floor(now / 1000) + SIGNED_URL_TTL_SECONDS;
  const signature = await hmacSign(secret, signedMessage(file.id, expires));
  const url = `${origin}/v1/files/${file.id}/content?expires=${expires}&signature=${signature}`;
  return { url, expires_at: new Date(expires * 1000).toISOString() };
}

/** The file a signed URL points to, or a 404 for a forged, altered or expired signature. */
export async function fileForSignedUrl(
  scope: { db: TenantScope['db'] },
  secret: string,
  id: string,
  expires: number,
  signature: string,
): Promise<FileRow> {
  const valid =
    expires * 1000 > Date.now() && (await hmacVerify(secret, signedMessage(id, expires), signature));
  if (!valid) throw new ApiError(403, 'This link is invalid or has expired');
  const file = await scope.db.query.files.findFirst({ where: eq(files.id, id) });
  if (!file) throw notFound('File');
  return file;
}
