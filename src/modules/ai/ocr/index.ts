// OCR for documents without a text layer (photos of invoices, scanned PDFs): a Workers AI vision model
// transcribes each image behind the `ai` circuit breaker. Without a binding there is no OCR, and the
// document is handed on with the reason, so the task goes to review instead of failing.
import { extractImages, getDocumentProxy } from 'unpdf';
import { loadConfig } from '../../../config';
import { withBreaker } from '../../../lib/breaker';
import { aiBinding } from '../run';
import { encodePng } from './png';

export const OCR_MODEL = '@cf/meta/llama-3.2-11b-vision-instruct';
export const NO_OCR = 'no text layer; OCR not configured';
/** Pages of a scanned PDF sent to OCR: invoices rarely run longer, and each page is one model call. */
const MAX_OCR_PAGES = 5;
/**
 * The binding takes an image as a JSON array of numbers (8 bytes or more each in the isolate's 128 MB), and
 * the model scales every image down to 560 px anyway: a larger photo is refused rather than exhaust memory.
 */
export const MAX_OCR_IMAGE_BYTES = 4 * 1024 * 1024;
/** Images smaller than this (logos, signatures) are not a page scan. */
const MIN_SCAN_PIXELS = 200 * 200;

const PROMPT = `Transcribe all text of this document exactly as printed, top to bottom.
Keep each label on the same line as its value, separate table cells with a tab, and copy numbers, dates,
IBANs and VAT IDs character by character. Output only the transcription.`;

/** Reads the text of images; null when the environment has no OCR. */
export type Ocr = (image: Uint8Array) => Promise<string>;

/** The OCR model could not be reached (or its breaker is open): transient, the task is retried. */
export class OcrUnavailableError extends Error {
  override name = 'OcrUnavailableError';
  constructor(override readonly cause: unknown) {
    super(`OCR unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

export function ocrFor(env: Env): Ocr | null {
  const ai = aiBinding(env);
  if (!ai || loadConfig(env).AI_PROVIDER !== 'workers-ai') return null;
  return async (image) => {
    try {
      return await withBreaker(env, 'ai', async () => {
        const answer = (await ai.run(OCR_MODEL, { prompt: PROMPT, image: [...image], max_tokens: 2048 })) as {
          response?: unknown;
        };
        if (typeof answer?.response !== 'string') throw new Error('The OCR model returned no text');
        return answer.response;
      });
    } catch (error) {
      throw new OcrUnavailableError(error);
    }
  };
}

/** The page-sized images of a PDF's first pages, as PNGs, for OCR. */
export async function scannedPages(bytes: Uint8Array): Promise<Uint8Array[]> {
  const pdf = await getDocumentProxy(bytes.slice());
  const pages: Uint8Array[] = [];
  for (let page = 1; page <= Math.min(pdf.numPages, MAX_OCR_PAGES); page++) {
    const images = await extractImages(pdf, page);
    const scan = images
      .filter((image) => image.width * image.height >= MIN_SCAN_PIXELS)
      .sort((a, b) => b.width * b.height - a.width * a.height)[0];
    if (scan) pages.push(await encodePng(scan));
  }
  return pages;
}
