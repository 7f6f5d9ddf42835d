// Putting an upload's bytes into R2: type judged from the bytes, size and SHA-256 measured while streaming,
// and nothing left behind when the upload is refused.
import { ApiError, tooLarge, unsupportedMediaType } from '../../lib/errors';
import { claimMatches, type Purpose, UPLOAD_POLICIES, type UploadPolicy } from './policy';
import {
  centralDirectoryLocation,
  EOCD_SEARCH_BYTES,
  isDocx,
  MAX_DIRECTORY_BYTES,
  MIME,
  type Mime,
  SNIFF_BYTES,
  sniffMime,
  zipEntryNames,
} from './sniff';
import { measure, peek, readCapped } from './stream';

export interface UploadBytes {
  purpose: Purpose;
  /** Content type the client claimed; it must not contradict the bytes. */
  claimedType?: string;
  /** Length the client declared, when it did. */
  size?: number;
  body: ReadableStream<Uint8Array>;
}

export interface StoredObject {
  mimeType: Mime;
  size: number;
  sha256: string;
}

const ACCEPTED = 'PDF, DOCX, PNG, JPEG, WebP, GIF, ZIP or e-invoice XML';

/** The short name of a type ("pdf", "zip") for problem details a client can put into words. */
const kindOf = (mime: Mime): string =>
  (Object.keys(MIME) as (keyof typeof MIME)[]).find((key) => MIME[key] === mime) ?? mime;

export async function storeUpload(bucket: R2Bucket, key: string, upload: UploadBytes): Promise<StoredObject> {
  const policy = UPLOAD_POLICIES[upload.purpose];
  const limit = `${upload.purpose} files are limited to ${policy.maxBytes} bytes`;
  const refuseType = (type: Mime) =>
    unsupportedMediaType(`${upload.purpose} files must be ${policy.types.join(', ')}; this is ${type}`, {
      detected: kindOf(type),
      accepted: policy.types.map(kindOf),
      purpose: upload.purpose,
    });
  if (upload.size !== undefined && upload.size > policy.maxBytes) throw tooLarge(limit);

  const { head, stream } = await peek(upload.body, SNIFF_BYTES);
  if (head.byteLength === 0) {
    throw new ApiError(422, 'The file is empty', { errors: [{ path: 'file', message: 'empty' }] });
  }
  const sniffed = sniffMime(head);
  // A ZIP may still prove to be a DOCX once its directory is read, so a DOCX claim waits for that check.
  const claimPlausible =
    sniffed !== null &&
    (claimMatches(upload.claimedType, sniffed) ||
      (sniffed === MIME.zip && claimMatches(upload.claimedType, MIME.docx)));
  if (!sniffed || !claimPlausible) {
    await stream.cancel();
    throw unsupportedMediaType(
      sniffed
        ? `The bytes are ${sniffed}, which contradicts the claimed ${upload.claimedType}`
        : `The bytes are not of a type Engage accepts (${ACCEPTED})`,
      {
        detected: sniffed ? kindOf(sniffed) : 'unknown',
        accepted: policy.types.map(kindOf),
        purpose: upload.purpose,
      },
    );
  }
  const zipAllowed = policy.types.includes(MIME.zip) || policy.types.includes(MIME.docx);
  if (sniffed === MIME.zip ? !zipAllowed : !policy.types.includes(sniffed)) {
    await stream.cancel();
    throw refuseType(sniffed);
  }

  const meter = measure(policy.maxBytes);
  const measured = stream.pipeThrough(meter.transform);
  // R2 needs a known length for a stream; without one the upload is read (capped) into memory instead.
  const payload =
    upload.size !== undefined
      ? measured.pipeThrough(new FixedLengthStream(upload.size))
      : await readCapped(measured, policy.maxBytes);
  try {
    await bucket.put(key, payload, { httpMetadata: { contentType: sniffed } });
  } catch (error) {
    if (meter.size() > policy.maxBytes) throw tooLarge(limit);
    if (error instanceof ApiError) throw error;
    if (upload.size !== undefined && meter.size() !== upload.size) {
      throw new ApiError(400, 'The upload was shorter or longer than its declared Content-Length');
    }
    throw error; // R2 itself failed: not the client's fault
  }

  try {
    const mimeType = sniffed === MIME.zip ? await refineZip(bucket, key, meter.size()) : sniffed;
    if (mimeType === MIME.xml) await requireKnownXml(bucket, key, policy);
    if (!policy.types.includes(mimeType) || !claimMatches(upload.claimedType, mimeType))
      throw refuseType(mimeType);
    return { mimeType, size: meter.size(), sha256: await meter.sha256() };
  } catch (error) {
    await bucket.delete(key);
    throw error;
  }
}

/** XML is accepted only as what the purpose reads: its root element (within the first 64 KiB) decides. */
async function requireKnownXml(bucket: R2Bucket, key: string, policy: UploadPolicy): Promise<void> {
  const object = await bucket.get(key, { range: { offset: 0, length: 64 * 1024 } });
  if (!object) throw new Error(`stored object ${key} vanished`);
  const head = new TextDecoder().decode(await object.arrayBuffer());
  if (!policy.xml?.accepts(head))
    throw unsupportedMediaType(`The XML is not ${policy.xml?.expected ?? 'accepted here'}`, {
      detected: 'xml',
      accepted: policy.types.map(kindOf),
    });
}

/**
 * A ZIP is a DOCX when its central directory holds a Word document. The end-of-central-directory record is
 * in the last 64 KiB (22 bytes + a comment of at most 65,535); it says where the directory is, which is then
 * read with a second range request if the first did not cover it.
 */
async function refineZip(bucket: R2Bucket, key: string, size: number): Promise<Mime> {
  const read = async (offset: number, length: number) => {
    const object = await bucket.get(key, { range: { offset, length } });
    if (!object) throw new Error(`stored object ${key} vanished`);
    return new Uint8Array(await object.arrayBuffer());
  };
  const tailLength = Math.min(size, EOCD_SEARCH_BYTES);
  const tail = await read(size - tailLength, tailLength);
  const directory = centralDirectoryLocation(tail, size - tailLength);
  if (!directory || directory.size > MAX_DIRECTORY_BYTES) {
    throw unsupportedMediaType('The ZIP container is damaged or truncated', {
      detected: 'zip',
      damaged: true,
    });
  }
  // An empty archive (its end record alone) has no directory to read: a ZIP of nothing.
  if (directory.entries === 0) return MIME.zip;
  if (directory.size === 0)
    throw unsupportedMediaType('The ZIP container is damaged or truncated', {
      detected: 'zip',
      damaged: true,
    });
  const names = zipEntryNames(await read(directory.offset, directory.size), directory.entries);
  if (!names)
    throw unsupportedMediaType('The ZIP container is damaged or truncated', {
      detected: 'zip',
      damaged: true,
    });
  return isDocx(names) ? MIME.docx : MIME.zip;
}
