import { env, exports } from 'cloudflare:workers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { sha256Hex } from '../../src/lib/crypto';
import { signedUrl } from '../../src/modules/files/service';
import { DOCX, docxBytes, pdfBytes, plainZipBytes, pngBytes, zipBytes } from '../fixtures/files';
import {
  type Account,
  call,
  expectProblem,
  json,
  ORIGIN,
  requestEngagement,
  signupCompany,
  signupExpert,
} from '../helpers';

const MB = 1024 * 1024;

// ---------------------------------------------------------------------------------------------------------
// Requests

interface UploadOptions {
  purpose?: string;
  type?: string;
  name?: string;
  engagementId?: string;
  headers?: Record<string, string>;
}

function uploadMultipart(token: string, bytes: Uint8Array, options: UploadOptions = {}) {
  const form = new FormData();
  form.append('file', new File([bytes], options.name ?? 'document.pdf', { type: options.type ?? '' }));
  if (options.purpose) form.append('purpose', options.purpose);
  if (options.engagementId) form.append('engagement_id', options.engagementId);
  return call('/v1/files', { token, body: form, headers: options.headers });
}

function uploadRaw(token: string, body: BodyInit, options: UploadOptions = {}) {
  const query = new URLSearchParams({ name: options.name ?? 'x.pdf', purpose: options.purpose ?? 'invoice' });
  if (options.engagementId) query.set('engagement_id', options.engagementId);
  return call(`/v1/files?${query}`, {
    token,
    body,
    headers: { 'Content-Type': options.type ?? 'application/pdf', ...options.headers },
  });
}

/** A body whose length is not known up front, delivered in chunks like a slow client's. */
function streamOf(bytes: Uint8Array, chunk = 256 * 1024): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + chunk));
      at += chunk;
    },
  });
}

/** Fetch a signed URL as an anonymous browser would: no Authorization header. */
const fetchAnonymously = (url: string) => exports.default.fetch(new Request(url));

async function storedState() {
  const listed = await env.FILES.list();
  const row = await env.DB.prepare('SELECT count(*) AS n FROM files').first<{ n: number }>();
  return { objects: listed.objects.map((o) => o.key).sort(), rows: row?.n ?? 0 };
}

/** Runs a refused upload and checks it left neither an R2 object nor a row behind. */
async function expectRefusedLeavingNothing(upload: () => Promise<Response>, status: number) {
  const before = await storedState();
  const problem = await expectProblem(await upload(), status);
  expect(await storedState()).toEqual(before);
  return problem;
}

async function fileRow(id: string) {
  const row = await createDb(env.DB).query.files.findFirst({ where: (f, { eq }) => eq(f.id, id) });
  if (!row) throw new Error(`no row for ${id}`);
  return row;
}

// ---------------------------------------------------------------------------------------------------------

let acme: Account;
let globex: Account;

beforeAll(async () => {
  acme = await signupCompany('Acme GmbH');
  globex = await signupCompany('Globex AG');
});

describe('POST /v1/files', () => {
  it('stores a multipart PDF and answers 201 with its metadata and SHA-256', async () => {
    const bytes = pdfBytes();
    const response = await uploadMultipart(acme.token, bytes, {
      name: 'tender.pdf',
      type: 'application/pdf',
      purpose: 'rfp',
    });
    expect(response.status).toBe(201);
    const file = await json(response);
    expect(file).toMatchObject({
      name: 'tender.pdf',
      size: bytes.length,
      mime_type: 'application/pdf',
      sha256: await sha256Hex(bytes),
      purpose: 'rfp',
    });
    expect(file.id).toMatch(/^fil_/);
    const object = await env.FILES.head((await fileRow(file.id)).r2Key);
    expect(object?.size).toBe(bytes.length);
    expect((await fileRow(file.id)).r2Key.startsWith(`orgs/${acme.orgId}/`)).toBe(true);
  });

  it('stores a raw-body upload named by ?name= with the purpose from the query', async () => {
    const bytes = pdfBytes();
    const response = await uploadRaw(acme.token, bytes, { name: 'x.pdf', purpose: 'invoice' });
    expect(response.status).toBe(201);
    expect(await json(response)).toMatchObject({
      name: 'x.pdf',
      size: bytes.length,
      mime_type: 'application/pdf',
      sha256: await sha256Hex(bytes),
      purpose: 'invoice',
    });
  });

  it('stores a raw-body upload that arrives as a stream of unknown length', async () => {
    const bytes = pdfBytes();
    const response = await uploadRaw(acme.token, streamOf(bytes, 7), { purpose: 'invoice' });
    expect(response.status).toBe(201);
    expect(await json(response)).toMatchObject({ size: bytes.length, sha256: await sha256Hex(bytes) });
  });

  it('publishes file.uploaded for every stored file', async () => {
    const response = await uploadRaw(acme.token, pdfBytes(), { name: 'event.pdf' });
    const file = await json(response);
    const event = await env.DB.prepare(
      "SELECT type, org_id, data FROM events WHERE type = 'file.uploaded' AND json_extract(data, '$.file_id') = ?",
    )
      .bind(file.id)
      .first<{ type: string; org_id: string; data: string }>();
    expect(event).toMatchObject({ type: 'file.uploaded', org_id: acme.orgId });
    expect(JSON.parse(event?.data ?? '{}')).toMatchObject({
      name: 'event.pdf',
      mime_type: 'application/pdf',
    });
  });

  it('accepts a real DOCX as an rfp and reports the Word mime type', async () => {
    const bytes = docxBytes();
    const response = await uploadMultipart(acme.token, bytes, {
      name: 'tender.docx',
      type: DOCX,
      purpose: 'rfp',
    });
    expect(response.status).toBe(201);
    expect(await json(response)).toMatchObject({ mime_type: DOCX, size: bytes.length, purpose: 'rfp' });
  });

  it('accepts a plain ZIP as an attachment as application/zip', async () => {
    const response = await uploadMultipart(acme.token, plainZipBytes(), {
      name: 'bundle.zip',
      type: 'application/zip',
      purpose: 'attachment',
    });
    expect(response.status).toBe(201);
    expect(await json(response)).toMatchObject({ mime_type: 'application/zip', purpose: 'attachment' });
  });

  it('reads the directory of a large ZIP wherever it starts, not only in the last megabyte', async () => {
    const entries: Record<string, string> = {
      '[Content_Types].xml': '<Types/>',
      'word/document.xml': '<w:document/>',
    };
    // ~20,000 entries put the central directory well over 1 MB before the end of the file.
    for (let i = 0; i < 20_000; i++) entries[`word/media/part-${String(i).padStart(5, '0')}.xml`] = '';
    const bytes = zipBytes(entries);
    const response = await uploadRaw(acme.token, bytes, {
      name: 'huge.docx',
      type: 'application/zip',
      purpose: 'rfp',
    });
    expect(response.status).toBe(201);
    expect((await json(response)).mime_type).toBe(DOCX);
  });

  it('replays an upload sent again with the same Idempotency-Key, storing it once', async () => {
    const bytes = pdfBytes();
    const headers = { 'Idempotency-Key': `upload-${crypto.randomUUID()}` };
    const first = await uploadRaw(acme.token, bytes, { name: 'once.pdf', headers });
    expect(first.status).toBe(201);
    const second = await uploadRaw(acme.token, bytes, { name: 'once.pdf', headers });
    expect(second.status).toBe(201);
    expect((await json(second)).id).toBe((await json(first)).id);
    const rows = await env.DB.prepare('SELECT count(*) AS n FROM files WHERE sha256 = ?')
      .bind(await sha256Hex(bytes))
      .first<{ n: number }>();
    expect(rows?.n).toBe(1);
  });

  it('replays a multipart upload resent byte for byte with the same Idempotency-Key', async () => {
    const form = new FormData();
    form.append('file', new File([pdfBytes()], 'retry.pdf', { type: 'application/pdf' }));
    const encoded = new Response(form);
    const type = encoded.headers.get('Content-Type') ?? '';
    const body = new Uint8Array(await encoded.arrayBuffer());
    const headers = { 'Content-Type': type, 'Idempotency-Key': `multipart-${crypto.randomUUID()}` };
    const before = await storedState();
    const first = await call('/v1/files', { token: acme.token, body, headers });
    const second = await call('/v1/files', { token: acme.token, body, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect((await json(second)).id).toBe((await json(first)).id);
    const after = await storedState();
    expect(after.rows).toBe(before.rows + 1);
    expect(after.objects.length).toBe(before.objects.length + 1);
  });

  it('replays a multipart retry rebuilt with a new boundary, since the file is the same', async () => {
    const bytes = pdfBytes();
    const headers = { 'Idempotency-Key': `rebuilt-${crypto.randomUUID()}` };
    const first = await uploadMultipart(acme.token, bytes, {
      name: 'r.pdf',
      type: 'application/pdf',
      headers,
    });
    const second = await uploadMultipart(acme.token, bytes, {
      name: 'r.pdf',
      type: 'application/pdf',
      headers,
    });
    expect(second.status).toBe(201);
    expect(second.headers.get('Idempotent-Replayed')).toBe('true');
    expect((await json(second)).id).toBe((await json(first)).id);
  });

  it('stores one file when retries with the same key arrive at once', async () => {
    const bytes = pdfBytes();
    const headers = { 'Idempotency-Key': `race-${crypto.randomUUID()}` };
    const before = await storedState();
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => uploadRaw(acme.token, bytes, { name: 'race.pdf', headers })),
    );
    const ids = new Set<string>();
    for (const response of responses) {
      expect(response.status).toBe(201);
      ids.add((await json(response)).id);
    }
    expect(ids.size).toBe(1);
    const after = await storedState();
    expect(after.rows).toBe(before.rows + 1);
    expect(after.objects.length).toBe(before.objects.length + 1);
  });

  it('refuses the same Idempotency-Key sent with a different file with 409', async () => {
    const headers = { 'Idempotency-Key': `upload-${crypto.randomUUID()}` };
    const first = pdfBytes('variant a');
    const second = pdfBytes('variant b');
    expect(second.length).toBe(first.length);
    expect((await uploadRaw(acme.token, first, { name: 'v.pdf', headers })).status).toBe(201);
    await expectProblem(await uploadRaw(acme.token, second, { name: 'v.pdf', headers }), 409);
  });

  it('refuses a plain ZIP that claims to be a DOCX with 415, even where ZIPs are allowed', async () => {
    await expectRefusedLeavingNothing(
      () =>
        uploadMultipart(acme.token, plainZipBytes(), {
          name: 'fake.docx',
          type: DOCX,
          purpose: 'attachment',
        }),
      415,
    );
  });

  it('recognises a DOCX sent as a raw body claiming only application/zip', async () => {
    const response = await uploadRaw(acme.token, docxBytes(), {
      name: 'tender.docx',
      type: 'application/zip',
      purpose: 'rfp',
    });
    expect(response.status).toBe(201);
    expect(await json(response)).toMatchObject({ mime_type: DOCX, name: 'tender.docx' });
  });

  describe('refuses, leaving nothing stored', () => {
    it('refuses an upload whose bytes contradict its claimed type with 415', async () => {
      await expectRefusedLeavingNothing(
        () =>
          uploadRaw(acme.token, pngBytes(), {
            name: 'fake.pdf',
            type: 'application/pdf',
            purpose: 'invoice',
          }),
        415,
      );
      await expectRefusedLeavingNothing(
        () => uploadMultipart(acme.token, pngBytes(), { name: 'fake.pdf', type: 'application/pdf' }),
        415,
      );
    });

    it('refuses a type the purpose does not allow with 415 (a PNG as an rfp)', async () => {
      await expectRefusedLeavingNothing(
        () =>
          uploadMultipart(acme.token, pngBytes(), { name: 'logo.png', type: 'image/png', purpose: 'rfp' }),
        415,
      );
    });

    it('refuses bytes of no recognised type with 415', async () => {
      const text = new TextEncoder().encode('MZ\x90\x00 definitely not a document we accept');
      await expectRefusedLeavingNothing(
        () => uploadRaw(acme.token, text, { name: 'tool.exe', type: 'application/octet-stream' }),
        415,
      );
    });

    it('refuses a plain ZIP (no word/document.xml) as an rfp with 415', async () => {
      await expectRefusedLeavingNothing(
        () => uploadMultipart(acme.token, plainZipBytes(), { name: 'fake.docx', type: DOCX, purpose: 'rfp' }),
        415,
      );
      await expectRefusedLeavingNothing(
        () =>
          uploadRaw(acme.token, plainZipBytes(), {
            name: 'bundle.zip',
            type: 'application/zip',
            purpose: 'rfp',
          }),
        415,
      );
    });

    it('refuses a declared Content-Length over the purpose limit with 413 before reading the body', async () => {
      await expectRefusedLeavingNothing(
        () =>
          uploadRaw(acme.token, pdfBytes(), {
            purpose: 'invoice',
            headers: { 'Content-Length': String(20 * MB + 1) },
          }),
        413,
      );
    });

    it('refuses an avatar whose body is actually larger than 5 MB with 413', async () => {
      const big = pngBytes(5 * MB + 1);
      // Length unknown up front: the body is counted as it arrives.
      await expectRefusedLeavingNothing(
        () => uploadRaw(acme.token, streamOf(big), { name: 'me.png', type: 'image/png', purpose: 'avatar' }),
        413,
      );
      // Length known: refused from the declared size.
      await expectRefusedLeavingNothing(
        () => uploadRaw(acme.token, big, { name: 'me.png', type: 'image/png', purpose: 'avatar' }),
        413,
      );
      await expectRefusedLeavingNothing(
        () => uploadMultipart(acme.token, big, { name: 'me.png', type: 'image/png', purpose: 'avatar' }),
        413,
      );
    });

    it('accepts an avatar of exactly 5 MB', async () => {
      const response = await uploadRaw(acme.token, streamOf(pngBytes(5 * MB)), {
        name: 'me.png',
        type: 'image/png',
        purpose: 'avatar',
      });
      expect(response.status).toBe(201);
      expect(await json(response)).toMatchObject({ size: 5 * MB, mime_type: 'image/png' });
    });

    it('answers 401 without credentials', async () => {
      await expectRefusedLeavingNothing(() => call('/v1/files', { body: pdfBytes() }), 401);
    });
  });
});

describe('hostile container headers', () => {
  /** The 22-byte end-of-central-directory record of a ZIP with `entries` entries and a comment length. */
  const endRecord = (entries: number, size: number, offset: number, commentLength = 0) => {
    const bytes = new Uint8Array(22);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, 0x06054b50, true);
    view.setUint16(8, entries, true);
    view.setUint16(10, entries, true);
    view.setUint32(12, size, true);
    view.setUint32(16, offset, true);
    view.setUint16(20, commentLength, true);
    return bytes;
  };

  it('stores an empty ZIP (its end record only) as an attachment and refuses it as an rfp, never 500', async () => {
    const empty = endRecord(0, 0, 0);
    const stored = await uploadRaw(acme.token, empty, {
      name: 'empty.zip',
      type: 'application/zip',
      purpose: 'attachment',
    });
    expect(stored.status).toBe(201);
    expect((await json(stored)).mime_type).toBe('application/zip');
    await expectRefusedLeavingNothing(
      () => uploadRaw(acme.token, empty, { name: 'empty.docx', type: DOCX, purpose: 'rfp' }),
      415,
    );
  });

  it('refuses a ZIP whose comment or directory runs past its end with 415', async () => {
    for (const bytes of [endRecord(1, 46, 0, 500), endRecord(1, 4_000, 10), endRecord(2, 0, 0)]) {
      const problem = await expectRefusedLeavingNothing(
        () =>
          uploadRaw(acme.token, bytes, { name: 'bad.zip', type: 'application/zip', purpose: 'attachment' }),
        415,
      );
      expect(problem.detail).toContain('ZIP');
    }
  });

  it('never answers 5xx to truncated or hostile ZIP, PDF, PNG and JPEG headers (fast-check)', async () => {
    const magic = fc.constantFrom(
      [0x50, 0x4b, 0x03, 0x04],
      [0x50, 0x4b, 0x05, 0x06],
      [0x25, 0x50, 0x44, 0x46, 0x2d],
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      [0xff, 0xd8, 0xff],
    );
    const record = fc.tuple(
      fc.integer({ min: 0, max: 0xffff }),
      fc.integer({ min: 0, max: 0xffffffff }),
      fc.integer({ min: 0, max: 0xffffffff }),
      fc.integer({ min: 0, max: 0xffff }),
    );
    await fc.assert(
      fc.asyncProperty(
        magic,
        fc.uint8Array({ maxLength: 300 }),
        fc.option(record, { nil: undefined }),
        fc.constantFrom('attachment', 'rfp', 'invoice'),
        async (head, body, end, purpose) => {
          const tail = end ? endRecord(end[0], end[1], end[2], end[3]) : new Uint8Array(0);
          const bytes = new Uint8Array([...head, ...body, ...tail]);
          const response = await uploadRaw(acme.token, bytes, {
            name: 'fuzz.bin',
            type: 'application/octet-stream',
            purpose,
          });
          await response.arrayBuffer();
          return response.status === 201 || response.status === 415;
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('GET /v1/files/:id', () => {
  it('streams back the identical bytes with the detected Content-Type', async () => {
    const bytes = pdfBytes();
    const file = await json(await uploadRaw(acme.token, bytes, { name: 'back.pdf' }));
    const response = await call(`/v1/files/${file.id}`, { token: acme.token });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/pdf');
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
  });

  it('carries the request id on a streamed download, like every response', async () => {
    const file = await json(await uploadRaw(acme.token, pdfBytes(), { name: 'id.pdf' }));
    const response = await call(`/v1/files/${file.id}`, { token: acme.token });
    expect(response.headers.get('X-Request-Id')).toBeTruthy();
    await response.body?.cancel();
  });

  it('answers 401 without credentials', async () => {
    const file = await json(await uploadRaw(acme.token, pdfBytes()));
    await expectProblem(await call(`/v1/files/${file.id}`), 401);
  });

  it("answers 404 for another company's file, its download URL and its listing", async () => {
    const file = await json(await uploadRaw(acme.token, pdfBytes(), { name: 'secret.pdf' }));
    await expectProblem(await call(`/v1/files/${file.id}`, { token: globex.token }), 404);
    await expectProblem(await call(`/v1/files/${file.id}/url`, { token: globex.token }), 404);
    const listed = await json(await call('/v1/files?limit=100', { token: globex.token }));
    expect(listed.data.map((f: { id: string }) => f.id)).not.toContain(file.id);
  });

  it('answers 404 for a file that does not exist', async () => {
    await expectProblem(await call('/v1/files/fil_01JABCDEFGHJKMNPQRSTVWXYZ0', { token: acme.token }), 404);
  });
});

describe('files and engagements', () => {
  it('lets an expert see a file attached to their engagement, but not the company’s other files', async () => {
    const company = await signupCompany('Initech');
    const expert = await signupExpert();
    const engagement = await requestEngagement(company, expert.expertId ?? '');
    const accepted = await call(`/v1/engagements/${engagement.id}/accept`, {
      method: 'POST',
      token: expert.token,
    });
    expect(accepted.status).toBe(200);

    const bytes = pdfBytes();
    const attached = await json(
      await uploadMultipart(company.token, bytes, {
        name: 'brief.pdf',
        type: 'application/pdf',
        purpose: 'rfp',
        engagementId: engagement.id,
      }),
    );
    expect(attached.engagement_id).toBe(engagement.id);
    const unattached = await json(await uploadRaw(company.token, pdfBytes(), { name: 'payroll.pdf' }));

    const download = await call(`/v1/files/${attached.id}`, { token: expert.token });
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
    expect((await call(`/v1/files/${attached.id}/url`, { token: expert.token })).status).toBe(200);

    await expectProblem(await call(`/v1/files/${unattached.id}`, { token: expert.token }), 404);
    await expectProblem(await call(`/v1/files/${unattached.id}/url`, { token: expert.token }), 404);
    const listed = await json(await call('/v1/files', { token: expert.token }));
    expect(listed.data.map((f: { id: string }) => f.id)).toEqual([attached.id]);
  });

  it('files what the expert attaches under the engagement’s company, so the company sees it too', async () => {
    const company = await signupCompany('Hooli');
    const expert = await signupExpert();
    const engagement = await requestEngagement(company, expert.expertId ?? '');
    await call(`/v1/engagements/${engagement.id}/accept`, { method: 'POST', token: expert.token });
    const response = await uploadRaw(expert.token, pdfBytes(), {
      name: 'findings.pdf',
      engagementId: engagement.id,
    });
    expect(response.status).toBe(201);
    const file = await json(response);
    expect((await call(`/v1/files/${file.id}`, { token: company.token })).status).toBe(200);
    const listed = await json(
      await call(`/v1/files?engagement_id=${engagement.id}`, { token: company.token }),
    );
    expect(listed.data.map((f: { id: string }) => f.id)).toEqual([file.id]);
    const row = await env.DB.prepare('SELECT r2_key FROM files WHERE id = ?')
      .bind(file.id)
      .first<{ r2_key: string }>();
    expect(row?.r2_key).toBe(`orgs/${company.orgId}/files/${file.id}`);
  });

  it('refuses to attach a file to an engagement that has ended with 409', async () => {
    const company = await signupCompany();
    const expert = await signupExpert();
    const engagement = await requestEngagement(company, expert.expertId ?? '');
    await call(`/v1/engagements/${engagement.id}/cancel`, { method: 'POST', token: company.token });
    await expectRefusedLeavingNothing(
      () => uploadRaw(company.token, pdfBytes(), { name: 'late.pdf', engagementId: engagement.id }),
      409,
    );
  });

  it("refuses to attach a file to another company's engagement with 404, storing nothing", async () => {
    const expert = await signupExpert();
    const engagement = await requestEngagement(acme, expert.expertId ?? '');
    await expectRefusedLeavingNothing(
      () =>
        uploadMultipart(globex.token, pdfBytes(), { type: 'application/pdf', engagementId: engagement.id }),
      404,
    );
  });
});

describe('GET /v1/files/:id/url', () => {
  it('returns a short-lived URL that downloads the file without a token', async () => {
    const bytes = pdfBytes();
    const file = await json(await uploadRaw(acme.token, bytes, { name: 'shared.pdf' }));
    const response = await call(`/v1/files/${file.id}/url`, { token: acme.token });
    expect(response.status).toBe(200);
    const { url, expires_at } = await json(response);
    expect(url.startsWith(`${ORIGIN}/v1/files/${file.id}/content?`)).toBe(true);
    const ttl = Date.parse(expires_at) - Date.now();
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(15 * 60 * 1000);

    const download = await fetchAnonymously(url);
    expect(download.status).toBe(200);
    expect(download.headers.get('Content-Type')).toBe('application/pdf');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
  });

  it('shows a PDF inline when asked (for the review page), and still downloads other types', async () => {
    const pdf = await json(await uploadRaw(acme.token, pdfBytes(), { name: 'inline.pdf' }));
    const { url } = await json(await call(`/v1/files/${pdf.id}/url`, { token: acme.token }));
    const asDownload = await fetchAnonymously(url);
    expect(asDownload.headers.get('Content-Disposition')).toMatch(/^attachment;/);
    const inline = await fetchAnonymously(`${url}&disposition=inline`);
    expect(inline.status).toBe(200);
    expect(inline.headers.get('Content-Disposition')).toMatch(/^inline; filename\*=UTF-8''inline\.pdf$/);
    expect(inline.headers.get('X-Content-Type-Options')).toBe('nosniff');

    const zip = await json(
      await uploadRaw(acme.token, plainZipBytes(), {
        name: 'bundle.zip',
        purpose: 'attachment',
        type: 'application/zip',
      }),
    );
    const zipUrl = (await json(await call(`/v1/files/${zip.id}/url`, { token: acme.token }))).url;
    const zipInline = await fetchAnonymously(`${zipUrl}&disposition=inline`);
    expect(zipInline.status).toBe(200);
    expect(zipInline.headers.get('Content-Disposition')).toMatch(/^attachment;/);
    await expectProblem(await fetchAnonymously(`${url}&disposition=render`), 422);
  });

  it('refuses a URL whose signature was altered with 403', async () => {
    const file = await json(await uploadRaw(acme.token, pdfBytes()));
    const { url } = await json(await call(`/v1/files/${file.id}/url`, { token: acme.token }));
    const altered = new URL(url);
    const signature = altered.searchParams.get('signature') ?? '';
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    altered.searchParams.set('signature', flipped);
    await expectProblem(await fetchAnonymously(altered.toString()), 403);

    const extended = new URL(url);
    extended.searchParams.set('expires', String(Number(extended.searchParams.get('expires')) + 3600));
    await expectProblem(await fetchAnonymously(extended.toString()), 403);
  });

  it('refuses a URL signed for another file with 403', async () => {
    const mine = await json(await uploadRaw(acme.token, pdfBytes()));
    const theirs = await json(await uploadRaw(globex.token, pdfBytes()));
    const { url } = await json(await call(`/v1/files/${mine.id}/url`, { token: acme.token }));
    await expectProblem(await fetchAnonymously(url.replace(mine.id, theirs.id)), 403);
  });

  it('refuses an expired URL with 403', async () => {
    const file = await json(await uploadRaw(acme.token, pdfBytes()));
    const hourAgo = Date.now() - 60 * 60 * 1000;
    const { url } = await signedUrl(env.JWT_SECRET, ORIGIN, await fileRow(file.id), hourAgo);
    await expectProblem(await fetchAnonymously(url), 403);
    // The same signing with the current time works, so the refusal above is about expiry alone.
    const fresh = await signedUrl(env.JWT_SECRET, ORIGIN, await fileRow(file.id));
    expect((await fetchAnonymously(fresh.url)).status).toBe(200);
  });
});

describe('GET /v1/files', () => {
  it("lists only the caller's files, newest first, a page at a time", async () => {
    const company = await signupCompany('Umbrella');
    const older = await json(await uploadRaw(company.token, pdfBytes(), { name: 'one.pdf' }));
    const newer = await json(await uploadRaw(company.token, pdfBytes(), { name: 'two.pdf' }));

    const first = await json(await call('/v1/files?limit=1', { token: company.token }));
    expect(first.data).toHaveLength(1);
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = await json(
      await call(`/v1/files?limit=1&cursor=${encodeURIComponent(first.next_cursor)}`, {
        token: company.token,
      }),
    );
    expect(second.data).toHaveLength(1);
    expect(second.next_cursor).toBeNull();
    expect([first.data[0].id, second.data[0].id]).toEqual([newer.id, older.id]);

    const all = await json(await call('/v1/files', { token: company.token }));
    expect(all.data.map((f: { id: string }) => f.id)).toEqual([newer.id, older.id]);
    expect(all.next_cursor).toBeNull();
  });

  it('answers 401 without credentials', async () => {
    await expectProblem(await call('/v1/files'), 401);
  });
});
