// PDF.js for the review page only. The build unpdf ships has its worker inlined (no worker file to serve or
// version-match); scripts/vendor-assets.ts copies it to /vendor/pdfjs.mjs and it is imported at run time,
// so no other page downloads its 1.6 MB and Vite does not re-minify it on every dashboard rebuild.
import type * as PdfJs from 'unpdf/pdfjs';

export type { PDFDocumentProxy, RenderTask } from 'unpdf/pdfjs';

const PDFJS_URL = '/vendor/pdfjs.mjs';
let loading: Promise<typeof PdfJs> | undefined;

export function loadPdfJs(): Promise<typeof PdfJs> {
  if (!loading) {
    loading = import(/* @vite-ignore */ PDFJS_URL) as Promise<typeof PdfJs>;
    loading.catch(() => {
      loading = undefined; // a failed download is tried again on the next review
    });
  }
  return loading;
}
