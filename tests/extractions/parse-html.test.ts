// parsePage: visible text only, entity decoding, absolute links, lang, block boundaries, mailto/tel/Cloudflare emails.
import { describe, expect, it } from 'vitest';
import { buildLargePage } from '../../bench/extract-html/page';
import { extractEntities, mergeEntities, parsePage } from '../../src/modules/extractions/parse';
import { cfEncode } from '../fixtures/sites/layout';

const html = `<!doctype html><html lang="de-DE"><head><title>Impressum &ndash; Müller</title>
<style>.a::after{content:"style@leak.de"}</style><script>var x = "script@leak.de";</script></head>
<body><header><nav><a href="/kontakt#form">Kontakt</a> <a href="../impressum?x=1&amp;y=2">Impressum</a>
<a href="https://other.example.org/page">Extern</a><a href="javascript:void(0)">JS</a></nav></header>
<svg><title>svg title</title><text>Tel 0800 111 1111</text></svg>
<div><p>Müller&nbsp;GmbH<br>Stra&szlig;e&#32;12<br/>10115&#x20;Berlin</p><div>E-Mail: info&#64;firma.de</div></div>
<table><tr><td>Telefon:</td><td>030 123456</td></tr><tr><td>Fax:</td><td>030 654321</td></tr></table>
<p>Some
  wrapped     text</p>
<a href="mailto:Info%40Firma-Mueller.de?subject=Hallo">Mail</a><a href="tel:+49%2030%20123456">Anrufen</a>
<a href="/cdn-cgi/l/email-protection#${cfEncode('a@firma.de')}">[email&#160;protected]</a>
<span class="__cf_email__" data-cfemail="${cfEncode('b@firma.de', 0x13)}">[email&#160;protected]</span>
<noscript>noscript text</noscript><template><p>template text</p></template>
</body></html>`;

describe('parsePage', () => {
  it('keeps script, style, svg, noscript and template content out of the text', async () => {
    const page = await parsePage('https://www.firma.de/a/b', html);
    for (const leak of [
      'script@leak.de',
      'style@leak.de',
      'svg title',
      '0800',
      'noscript text',
      'template text',
      'Impressum –',
    ]) {
      expect(page.text).not.toContain(leak);
    }
  });

  it('decodes HTML entities and non-breaking spaces in text', async () => {
    const page = await parsePage('https://www.firma.de/a/b', html);
    expect(page.text).toContain('Müller GmbH\nStraße 12\n10115 Berlin');
    expect(page.text).toContain('E-Mail: info@firma.de');
    expect(page.title).toBe('Impressum – Müller');
  });

  it('turns block boundaries and <br> into newlines, table cells into spaces, source whitespace into one space', async () => {
    const page = await parsePage('https://www.firma.de/a/b', html);
    expect(page.text).toContain('\nTelefon: 030 123456\nFax: 030 654321\n');
    expect(page.text).toContain('\nSome wrapped text\n');
    expect(page.text).not.toMatch(/\n\n| {2}/);
  });

  it('absolutises links, strips fragments and decodes &amp; in hrefs', async () => {
    const page = await parsePage('https://www.firma.de/a/b', html);
    expect(page.links).toEqual([
      { url: 'https://www.firma.de/kontakt', text: 'Kontakt' },
      { url: 'https://www.firma.de/impressum?x=1&y=2', text: 'Impressum' },
      { url: 'https://other.example.org/page', text: 'Extern' },
    ]);
  });

  it('reads the lang attribute, mailto and tel targets, and Cloudflare-protected emails', async () => {
    const page = await parsePage('https://www.firma.de/a/b', html);
    expect(page.lang).toBe('de-DE');
    expect(page.mailtos).toEqual(['Info@Firma-Mueller.de']);
    expect(page.tels).toEqual(['+49 30 123456']);
    expect(page.cfEmails.sort()).toEqual(['a@firma.de', 'b@firma.de']);
    expect(page.text).toContain('b@firma.de');
  });

  it('ends hidden elements where browsers do: a self-closing svg is empty, "</div>" inside a script hides nothing', async () => {
    const page = await parsePage(
      'https://www.firma.de/',
      `<html><body><header>Kopf</header><svg class="icon" /><p>Nach dem Icon</p>
      <script>document.write("</div><p>leak</p>")</script><p>Nach dem Skript</p>
      <a href="/eins">Eins<a href="/zwei">Zwei</a><p>Ende</p></body></html>`,
    );
    expect(page.text).toBe('Kopf\nNach dem Icon\nNach dem Skript\nEinsZwei\nEnde');
    expect(page.text).not.toContain('leak');
    // An unclosed <a> ends where the next one begins.
    expect(page.links.map((l) => [l.url, l.text])).toEqual([
      ['https://www.firma.de/eins', 'Eins'],
      ['https://www.firma.de/zwei', 'Zwei'],
    ]);
  });

  it('drops links longer than 2,048 characters: no contact page has one, and they would bloat rows and events', async () => {
    const long = `/kontakt?x=${'A'.repeat(150_000)}`;
    const page = await parsePage(
      'https://www.firma.de/',
      `<a href="${long}">Kontakt</a><a href="/impressum">Impressum</a>`,
    );
    expect(page.links.map((l) => l.url)).toEqual(['https://www.firma.de/impressum']);
  });

  it('reads hostile markup in linear time: unclosed tags, stray quotes and comments by the megabyte', async () => {
    // A pattern that backtracked would rescan the rest of the page from every "<": minutes for each of these.
    for (const unit of ['x<div ', '<a ', '<!', '<a "', '<a x="', '<script ', '<svg x=', '<a = = "']) {
      const hostile = `<p>Kontakt: info@firma.de</p>${unit.repeat(Math.ceil(1_000_000 / unit.length))}`;
      const page = await parsePage('https://www.firma.de/', hostile);
      expect(page.text.startsWith('Kontakt: info@firma.de'), unit).toBe(true);
    }
  });

  it('accepts a Response as well as a string', async () => {
    const page = await parsePage(
      'https://x.de/',
      new Response('<p>Hallo <b>Welt</b></p>', { headers: { 'content-type': 'text/html' } }),
    );
    expect(page.text).toBe('Hallo Welt');
    expect(page.lang).toBeNull();
  });
});

describe('a 1 MB page', () => {
  // How fast is measured by `bun run bench:extract-html` (in workerd, from outside); this checks what is read.
  it('still yields the company behind it', async () => {
    const page = await parsePage('https://www.firma-mueller.de/impressum', buildLargePage());
    const entities = mergeEntities(extractEntities(page, 'impressum', 'DE'));
    expect(entities).toContainEqual(
      expect.objectContaining({ type: 'COMPANY_NAME', value: 'Müller Maschinenbau GmbH' }),
    );
  });
});
