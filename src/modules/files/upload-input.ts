// Reads an upload request — multipart `file` field, or a raw body with ?name= — into an UploadInput.
// Raw bodies with a Content-Length stream straight to R2; multipart bodies are parsed by the runtime, which
// holds them in memory, so large files are best sent raw.
import type { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../env';
import { ApiError, tooLarge, validationError } from '../../lib/errors';
import { UPLOAD_POLICIES } from './policy';
import { uploadQuerySchema } from './schema';
import type { UploadInput } from './service';

/** Room for multipart boundaries and headers on top of the largest file any purpose accepts. */
const MAX_MULTIPART_BYTES = Math.max(...Object.values(UPLOAD_POLICIES).map((p) => p.maxBytes)) + 64 * 1024;

/** Browsers may send a full path ("C:\\…\\x.pdf"); keep the last segment. */
const baseName = (name: string) => name.split(/[\\/]/).pop()?.trim() || 'upload';

export async function readUploadInput(
  c: Context<AppEnv>,
  query: z.infer<typeof uploadQuerySchema>,
): Promise<UploadInput> {
  const type = c.req.header('Content-Type') ?? '';
  const length = c.req.header('Content-Length');
  const declaredSize = length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined;

  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    if (!c.req.raw.body) {
      throw new ApiError(422, 'The request has no file', { errors: [{ path: 'body', message: 'required' }] });
    }
    return {
      purpose: query.purpose,
      engagementId: query.engagement_id,
      name: query.name ?? 'upload',
      claimedType: type,
      size: declaredSize,
      body: c.req.raw.body,
    };
  }

  if (declaredSize !== undefined && declaredSize > MAX_MULTIPART_BYTES)
    throw tooLarge('The upload is too large');
  const form = await c.req.raw.formData().catch(() => {
    throw new ApiError(400, 'Malformed multipart body');
  });
  const file = form.get('file');
  if (!(file instanceof File)) {
    throw new ApiError(422, 'The request does not match the schema', {
      errors: [{ path: 'file', message: 'A multipart field "file" with a file is required' }],
    });
  }
  const fields = uploadQuerySchema.safeParse({
    purpose: form.get('purpose') ?? query.purpose,
    engagement_id: form.get('engagement_id') ?? query.engagement_id,
    name: query.name ?? baseName(file.name),
  });
  if (!fields.success) throw validationError(fields.error);
  return {
    purpose: fields.data.purpose,
    engagementId: fields.data.engagement_id,
    name: fields.data.name ?? 'upload',
    claimedType: file.type,
    size: file.size,
    body: file.stream(),
  };
}
