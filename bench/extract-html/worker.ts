// The 1 MB parse + extract inside workerd as deployed (no test harness): a tiny Worker that runs it per
// request. `bun bench/extract-html/workerd.ts` starts it with wrangler dev and times requests from outside.
import { extractEntities, mergeEntities, parsePage } from '../../src/modules/extractions/parse';
import { buildLargePage } from './page';

const html = buildLargePage();

export default {
  async fetch(request: Request): Promise<Response> {
    if (new URL(request.url).pathname === '/noop') return new Response('ok');
    const page = await parsePage('https://www.firma-mueller.de/impressum', html);
    if (new URL(request.url).pathname === '/parse') return Response.json({ bytes: html.length, entities: 0 });
    const entities = mergeEntities(extractEntities(page, 'impressum', 'DE'));
    return Response.json({ bytes: html.length, entities: entities.length });
  },
} satisfies ExportedHandler;
