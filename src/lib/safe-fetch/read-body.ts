// Reads a response body (as text, or as bytes) with a byte ceiling, stopping (and cancelling the stream) once it is exceeded.
import { FetchFailedError } from './errors';

/** A promise that rejects with the signal's reason when it aborts (used to race reads that may never end). */
export function whenAborted(signal: AbortSignal): Promise<never> {
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  aborted.catch(() => {}); // rejection is observed through Promise.race; never unhandled
  return aborted;
}

/**
 * The page's encoding: the Content-Type header's charset, else a <meta charset> / http-equiv declaration in the
 * first 1,024 bytes (as browsers prescan), else UTF-8. Many German sites declare ISO-8859-1 only in the page.
 */
function decoderFor(contentType: string, head: Uint8Array): TextDecoder {
  const declared =
    /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(
      new TextDecoder('latin1').decode(head.subarray(0, 1024)),
    )?.[1];
  try {
    return new TextDecoder(declared ?? 'utf-8');
  } catch {
    return new TextDecoder('utf-8'); // a label the runtime does not know
  }
}

export async function readLimited(
  response: Response,
  maxBytes: number,
  signal: AbortSignal,
  url: string,
  overflow: 'fail' | 'truncate' = 'fail',
  decode = true,
): Promise<{ body: string; data: Uint8Array; bytes: number }> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes && overflow === 'fail') {
    await response.body?.cancel().catch(() => {});
    throw new FetchFailedError('too_large', false, url, `declared ${declared} bytes > ${maxBytes}`);
  }
  if (!response.body) return { body: '', data: new Uint8Array(), bytes: 0 };
  const reader = response.body.getReader();
  const aborted = whenAborted(signal);
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      if (bytes + value.byteLength > maxBytes) {
        if (overflow === 'fail')
          throw new FetchFailedError('too_large', false, url, `body exceeds ${maxBytes} bytes`);
        // Truncating: keep the first maxBytes and stop reading (a character cut in two decodes as U+FFFD).
        chunks.push(value.subarray(0, maxBytes - bytes));
        bytes = maxBytes;
        reader.cancel().catch(() => {});
        break;
      }
      bytes += value.byteLength;
      chunks.push(value);
    }
    // Decoded once complete: the encoding may be declared inside the page (at most maxBytes held).
    const all = new Uint8Array(bytes);
    let offset = 0;
    for (const chunk of chunks) {
      all.set(chunk, offset);
      offset += chunk.byteLength;
    }
    const body = decode ? decoderFor(response.headers.get('content-type') ?? '', all).decode(all) : '';
    return { body, data: all, bytes };
  } catch (error) {
    reader.cancel().catch(() => {});
    throw error;
  }
}
