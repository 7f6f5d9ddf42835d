// Stream plumbing for uploads: look at the first bytes without consuming them, and count + hash on the way.
import { concatBytes } from '../../lib/bytes';
import { toHex } from '../../lib/crypto';
import { tooLarge } from '../../lib/errors';

/** Reads at least `bytes` (or all, if shorter) from `body`; returns them and a stream that still yields everything. */
export async function peek(body: ReadableStream<Uint8Array>, bytes: number) {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  let done = false;
  while (length < bytes) {
    const next = await reader.read();
    if (next.done) {
      done = true;
      break;
    }
    chunks.push(next.value);
    length += next.value.byteLength;
  }
  const head = concatBytes(chunks);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (head.byteLength > 0) controller.enqueue(head);
      if (done) controller.close();
    },
    async pull(controller) {
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return { head, stream };
}

/**
 * A pass-through that fails the stream once more than `maxBytes` went through, and computes the SHA-256
 * of everything that did (workerd's DigestStream, so the file is never held in memory).
 */
export function measure(maxBytes: number) {
  const digest = new crypto.DigestStream('SHA-256');
  const writer = digest.getWriter();
  let size = 0;
  const transform = new TransformStream<Uint8Array, Uint8Array>({
    async transform(chunk, controller) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        const error = tooLarge(`The file exceeds ${maxBytes} bytes`);
        controller.error(error);
        throw error;
      }
      await writer.write(chunk);
      controller.enqueue(chunk);
    },
    async flush() {
      await writer.close();
    },
  });
  return {
    transform,
    size: () => size,
    sha256: async () => {
      return toHex(await digest.digest);
    },
  };
}

/** Whole body into memory, failing at `maxBytes` — only for uploads that arrive without a length. */
export async function readCapped(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of stream) {
    length += chunk.byteLength;
    if (length > maxBytes) throw tooLarge(`The file exceeds ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return concatBytes(chunks);
}
