// Sitemaps as the crawler reads them: URL sets, indexes one level deep, text sitemaps, bounds and hostile files.
import { describe, expect, it } from 'vitest';
import { MAX_SITEMAP_FETCHES, readSitemap, sitemapPages } from '../../src/modules/extractions/sitemap';

const urlset = (locs: string[]) =>
  `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs
    .map((loc) => `<url><loc>${loc}</loc></url>`)
    .join('\n')}</urlset>`;
const index = (locs: string[]) =>
  `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs
    .map((loc) => `<sitemap><loc>${loc}</loc></sitemap>`)
    .join('')}</sitemapindex>`;

describe('readSitemap', () => {
  it('reads <loc> entries with CDATA, spaces and escaped ampersands, and tells an index from a URL set', () => {
    expect(
      readSitemap(
        urlset(['<![CDATA[https://a.de/kontakt]]>', ' https://a.de/x?a=1&amp;b=2 ', 'https://a.de/y']),
      ),
    ).toEqual({ index: false, urls: ['https://a.de/kontakt', 'https://a.de/x?a=1&b=2', 'https://a.de/y'] });
    expect(readSitemap(index(['https://a.de/page-sitemap.xml']))).toEqual({
      index: true,
      urls: ['https://a.de/page-sitemap.xml'],
    });
  });

  it('reads a text sitemap, one URL a line, skipping anything else', () => {
    expect(readSitemap('https://a.de/\nhttps://a.de/impressum\r\nnot a url\n')).toEqual({
      index: false,
      urls: ['https://a.de/', 'https://a.de/impressum'],
    });
  });

  it('reads a cut-off file up to where it ends, and hostile markup in linear time', () => {
    const cut = urlset(['https://a.de/a', 'https://a.de/b']).slice(0, -30);
    expect(readSitemap(cut).urls).toEqual(['https://a.de/a']);
    for (const unit of ['<loc>', '<loc>x', '<loc><![CDATA[', '<loc>]]>']) {
      const started = performance.now();
      readSitemap(unit.repeat(Math.ceil(1_000_000 / unit.length)));
      expect(performance.now() - started, unit).toBeLessThan(1000);
    }
  });

  it('stops after 10,000 URLs', () => {
    const many = urlset(Array.from({ length: 12_000 }, (_, i) => `https://a.de/p${i}`));
    expect(readSitemap(many).urls).toHaveLength(10_000);
  });
});

describe('sitemapPages', () => {
  const serve = (files: Record<string, string>) => {
    const asked: string[] = [];
    const fetchSitemap = async (url: string) => {
      asked.push(url);
      return files[url] ?? null;
    };
    return { asked, fetchSitemap };
  };

  it('reads the sitemaps robots.txt names on the site itself, not those of other sites', async () => {
    const net = serve({
      'https://a.de/sm.xml': urlset(['https://a.de/kontakt', 'https://evil.com/kontakt']),
    });
    const pages = await sitemapPages(
      'https://a.de',
      ['https://cdn.other.com/sm.xml', '/sm.xml'],
      net.fetchSitemap,
    );
    expect(pages).toEqual(['https://a.de/kontakt']);
    expect(net.asked).toEqual(['https://a.de/sm.xml']);
  });

  it('falls back to /sitemap.xml and follows an index one level deep, page sitemaps first', async () => {
    const net = serve({
      'https://a.de/sitemap.xml': index([
        'https://a.de/post-sitemap.xml',
        'https://a.de/product-sitemap.xml',
        'https://a.de/page-sitemap.xml',
      ]),
      'https://a.de/page-sitemap.xml': urlset(['https://a.de/impressum']),
      'https://a.de/post-sitemap.xml': index(['https://a.de/deeper.xml']),
    });
    const pages = await sitemapPages('https://a.de', [], net.fetchSitemap);
    expect(pages).toEqual(['https://a.de/impressum']);
    expect(net.asked).toEqual([
      'https://a.de/sitemap.xml',
      'https://a.de/page-sitemap.xml',
      'https://a.de/post-sitemap.xml',
    ]);
    expect(net.asked.length).toBeLessThanOrEqual(MAX_SITEMAP_FETCHES);
  });

  it('gives nothing, without failing, when there is no sitemap', async () => {
    expect(await sitemapPages('https://a.de', [], serve({}).fetchSitemap)).toEqual([]);
  });
});
