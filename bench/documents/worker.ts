// Invoice rendering inside workerd as deployed (no test harness): `/render?n=` renders the sample invoice n
// times per request. `bun bench/documents/run.ts` starts it with wrangler dev and times requests from outside
// (inside a Worker the clock stands still while code runs).
import { renderDocument } from '../../src/modules/documents/render';
import { sampleInvoice } from './sample';

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/noop') return new Response('ok');
    const n = Number(url.searchParams.get('n') ?? 1);
    let bytes = 0;
    for (let i = 0; i < n; i++) {
      const pdf = await renderDocument(
        'invoice',
        `INV-2026-${String(i).padStart(6, '0')}`,
        '2026-11-01T06:00:00.000Z',
        sampleInvoice,
      );
      bytes = pdf.byteLength;
    }
    return Response.json({ n, bytes });
  },
} satisfies ExportedHandler;
