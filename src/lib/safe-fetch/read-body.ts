// Reads a response body as text with a byte ceiling, stopping (and cancelling the stream) once it is exceeded.
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

function decoderFor(contentType: string): TextDecoder {
  const charset = /charset="?([\w-]+)/i.exec(contentType)?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8');
  } catch {
    return new TextDecoder('utf-8');
  }
}

export async function readLimited(
  response: Response,
  maxBytes: number,
  signal: AbortSignal,
  url: string,
): Promise<{ body: string; bytes: number }> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new FetchFailedError('too_large', false, url, `declared ${declared} bytes > ${maxBytes}`);
  }
  if (!response.body) return { body: '', bytes: 0 };
  const reader = response.body.getReader();
  const decoder = decoderFor(response.headers.get('content-type') ?? '');
  const aborted = whenAborted(signal);
  let bytes = 0;
  let body = '';
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes)
        throw new FetchFailedError('too_large', false, url, `body exceeds ${maxBytes} bytes`);
      body += decoder.decode(value, { stream: true });
    }
    return { body: body + decoder.decode(), bytes };
  } catch (error) {
    reader.cancel().catch(() => {});
    throw error;
  }
}
