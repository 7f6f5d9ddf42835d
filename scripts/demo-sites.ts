// Local company websites for trying extractions in `bun run dev`: fixture sites from the tests, each served
// on its own loopback port. The Worker may fetch them only because .dev.vars lists these host:port pairs in
// EXTRACTION_ALLOWED_HOSTS (the SSRF rules refuse loopback otherwise).
import { brightfieldAnalytics, muellerMaschinenbau } from '../tests/fixtures/sites';
import { fixtureFetch } from '../tests/fixtures/sites/serve';
import type { FixtureSite } from '../tests/fixtures/sites/types';

export const DEMO_SITE_PORTS = [8790, 8791] as const;
const SITES: FixtureSite[] = [muellerMaschinenbau, brightfieldAnalytics];

export const demoSiteHosts = () => DEMO_SITE_PORTS.map((port) => `localhost:${port}`);

/** Serves each demo site on its port; returns their local URLs. */
export function startDemoSites(): { name: string; url: string }[] {
  return SITES.map((site, i) => {
    const port = DEMO_SITE_PORTS[i] ?? 8790 + i;
    const origin = `http://localhost:${port}`;
    // The same pages, answered as if this were the site's origin.
    const serve = fixtureFetch([{ ...site, origin }]);
    try {
      Bun.serve({ port, hostname: '127.0.0.1', fetch: (request) => serve(request) });
    } catch (error) {
      // Another `bun run dev` (e.g. the browser tests beside a developer's own) already serves these pages.
      if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
    }
    return { name: site.name, url: origin };
  });
}
