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
      { url: 'https://www.firma.de/kontakt', text: 'Kontakt', zone: 'nav' },
      { url: 'https://www.firma.de/impressum?x=1&y=2', text: 'Impressum', zone: 'nav' },
      { url: 'https://other.example.org/page', text: 'Extern', zone: 'nav' },
    ]);
  });

  it('names an image link by its alt text, as old menus of image buttons need', async () => {
    const page = await parsePage(
      'https://www.firma.de/',
      '<a href="/kontakt.html"><img src="k.gif" alt="Kontakt"></a><a href="/a" title="Titel"><img alt="Bild"></a><a href="/b">Text<img alt="X"></a>',
    );
    expect(page.links.map((l) => l.text)).toEqual(['Kontakt', 'Titel', 'Text']);
    expect(page.text).toBe('Text');
  });

  it("notes which links sit in the site's navigation or footer, also in pre-HTML5 menus", async () => {
    const page = await parsePage(
      'https://www.firma.de/',
      `<header><a href="/a">A</a><nav><a href="/b">B</a></nav><a href="/c">C</a></header><p><a href="/d">D</a></p>
      <div id="main-menu" class="x"><div><a href="/e">E</a></div><a href="/f">F</a></div><a href="/g">G</a>
      <ul class="menu"><li><a href="/h">H</a></li></ul><div class="site-footer"><a href="/i">I</a></div>
      <div class="menuetto"><a href="/j">J</a></div><footer><a href="/k">K</a></footer>`,
    );
    expect(page.links.map((l) => `${l.text}:${l.zone ?? '-'}`)).toEqual([
      'A:nav',
      'B:nav',
      'C:nav',
      'D:-',
      'E:nav',
      'F:nav',
      'G:-',
      'H:nav',
      'I:footer',
      'J:-',
      'K:footer',
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

  it('reads every recipient of a mailto link, percent-decoded, and the number of a tel: link without parameters', async () => {
    const page = await parsePage(
      'https://www.firma.de/',
      `<a href="mailto:a@firma.de,b@firma.de?subject=Hallo%20Welt&amp;cc=c%40firma.de&amp;bcc=d@firma.de;e@firma.de&amp;body=x@y.de">1</a>
      <a href="MAILTO:f@firma.de%3Fsubject%3DHi%26cc%3Dg%40firma.de">2</a><a href="mailto:Info%20%3Ch@firma.de%3E">3</a>
      <a href="tel:+49%20(0)30%20123%2045%2067">4</a><a href="tel:030-123456;ext=12">5</a><a href="callto://+4930999">6</a>`,
    );
    expect(page.mailtos).toEqual([
      'a@firma.de',
      'b@firma.de',
      'c@firma.de',
      'd@firma.de',
      'e@firma.de',
      'f@firma.de',
      'g@firma.de',
      'h@firma.de',
    ]);
    expect(page.tels).toEqual(['+49 (0)30 123 45 67', '030-123456', '+4930999']);
  });

  it('reads REDAXO emailobfuscator\'s ROT13 javascript: links and its "_at_" spans (rot13_unicorn mode)', async () => {
    const page = await parsePage(
      'https://www.optik-lind.de/',
      `<p>E-Mail: <a href="javascript:decryptUnicorn(xnffr|bcgvx-yvaq.qr)">kasse<span class="unicorn"><span>_at_</span></span>optik-lind.de</a></p>
      <p><a href="javascript:decryptUnicorn(orfgryyhat|bcgvx-yvaq.qr?fhowrpg=Oevyyr%20orfgryyra)">Brille bestellen</a></p>
      <p><a href="javascript:decryptUnicorn(abg-na-nqqerff)">x</a> <span class="unicorn">🦄</span></p>`,
    );
    expect(page.mailtos).toEqual(['kasse@optik-lind.de', 'bestellung@optik-lind.de']);
    expect(page.text).toBe('E-Mail: kasse@optik-lind.de\nBrille bestellen\nx 🦄');
  });

  it("reads WebSite X5's emailTo links, whose address is written backwards, in an href or an onclick", async () => {
    const reversed = (address: string) => [...address].reverse().join('');
    const page = await parsePage(
      'https://www.polsterei-kern.de/',
      `<p>E-Mail: <a href="javascript:x5engine.utils.emailTo('40917','${reversed('werkstatt@polsterei-kern.de')}','','')" class="imCssLink">Schreiben Sie uns</a></p>
      <p><a href="#" onclick="x5engine.utils.emailTo(&#39;40918&#39;,&#39;${reversed('stoffe@polsterei-kern.de')}&#39;,&#39;Musterbestellung&#39;,&#39;&#39;); return false;">Stoffmuster</a></p>
      <div class="imTemplateContent" onclick="x5engine.utils.emailTo('40919','${reversed('buero@polsterei-kern.de')}','',''); return false;"></div>
      <p><a href="javascript:x5engine.utils.emailTo('40920','keine-adresse','','')">x</a></p>`,
    );
    expect(page.mailtos.sort()).toEqual([
      'buero@polsterei-kern.de',
      'stoffe@polsterei-kern.de',
      'werkstatt@polsterei-kern.de',
    ]);
    expect(page.text).toBe('E-Mail: Schreiben Sie uns\nStoffmuster\nx');
  });

  it('puts an address an inline script joins from string literals where the script stands, without running it', async () => {
    const page = await parsePage(
      'https://www.schreinerei-holm.ch/',
      `<p>E-Mail: <script>
      <!--
      var a = 'werk' + "statt", b = "schreinerei-holm" + '.' + 'ch'; // parts
      document.write('<a href="mai' + 'lto:' + a + '&#64;' + b + '">' + a + '&#64;' + b + '</a>');
      //-->
      </script><noscript>bitte JavaScript aktivieren</noscript></p>
      <p>Büro: <script>document.write("<a href=\\"mailto:" + "buero\\x40schreinerei-holm.ch" + "\\">Schreiben Sie uns</a>");</script></p>`,
    );
    expect(page.text).toBe(
      'E-Mail: werkstatt@schreinerei-holm.ch\nBüro: Schreiben Sie uns buero@schreinerei-holm.ch',
    );
  });

  it('reads no address from scripts that only hold one whole, or join parts it cannot know', async () => {
    const page = await parsePage(
      'https://www.firma.de/',
      `<p>A <script>var support = "hilfe@widget-anbieter.de"; var n = 1 + 2;</script></p>
      <p>B <script>document.write(user + '@' + 'firma.de');</script></p>
      <p>C <script type="text/template">'info' + '@' + 'firma.de'</script></p>
      <p>D <script src="/mail.js">'info' + '@' + 'firma.de'</script></p>`,
    );
    expect(page.text).toBe('A\nB\nC\nD');
  });

  it('reads the number of a WhatsApp chat link, in both of its URL forms', async () => {
    const page = await parsePage(
      'https://www.hovenier.nl/',
      `<a href="https://wa.me/31623847195">App ons</a>
      <a href="https://api.whatsapp.com/send?text=Hallo&amp;phone=436643827159">WhatsApp</a>
      <a href="https://wa.me/message/ABCDEF">Chat</a>`,
    );
    expect(page.tels).toEqual(['+31623847195', '+436643827159']);
  });

  it('turns around text shown reversed by a bidi override: inline style, style-sheet class or <bdo>', async () => {
    const page = await parsePage(
      'https://www.firma.de/',
      `<html><head><style>.x{color:red} .box .rev, .r2 { unicode-bidi: bidi-override; direction: rtl }</style></head><body>
      <p>A: <span style="unicode-bidi:bidi-override;direction:rtl">ed.amrif@ofni</span></p>
      <p>B: <span class="rev">ed.amrif@<b>kcab</b></span> <bdo dir="rtl">ed.amrif@odb</bdo></p>
      <p>C: <span style="direction:rtl">ed.amrif@kcabon</span> <bdo dir="ltr">abc</bdo></p>
      <p dir="rtl" style="unicode-bidi:bidi-override;direction:rtl">שלום</p></body></html>`,
    );
    expect(page.text).toBe('A: info@firma.de\nB: back@firma.de bdo@firma.de\nC: ed.amrif@kcabon abc\nשלום');
  });

  it('drops the text of inline elements nobody sees, but keeps hidden menus with their links', async () => {
    const page = await parsePage(
      'https://www.firma.de/',
      `<p>E-Mail: info@<span style="display:none">null</span>firma.de <i hidden>x</i>ok <span style="visibility: hidden">y</span>.</p>
      <ul style="display:none"><li><a href="/kontakt">Kontakt</a></li></ul>`,
    );
    expect(page.text).toBe('E-Mail: info@firma.de ok .\nKontakt');
    expect(page.links.map((l) => l.url)).toEqual(['https://www.firma.de/kontakt']);
  });

  it('keeps JSON-LD blocks (a bounded number and size) for the structured-data reader', async () => {
    const big = `{"name":"${'x'.repeat(70_000)}"}`;
    const page = await parsePage(
      'https://www.firma.de/',
      `<script type="application/ld+json">{"@type":"Organization"}</script><script>var a = 1;</script>
      <script type="application/ld+json">${big}</script><script type="application/ld+json">[1]</script>`,
    );
    expect(page.jsonLd).toEqual(['{"@type":"Organization"}', '[1]']);
    expect(page.text).toBe('');
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
    for (const unit of [
      'x<div ',
      '<a ',
      '<!',
      '<a "',
      '<a x="',
      '<script ',
      '<svg x=',
      '<a = = "',
      // The features reading styles and menus, on closed elements (a million nested open ones exceed the HTML
      // rewriter's memory limit in workerd, with or without them).
      '<span style="direction:rtl;unicode-bidi:bidi-override">x</span>',
      '<div class="menu"><a href="/x">y</a></div>',
      '<bdo dir=rtl>x</bdo>',
      '<i hidden>x</i>',
      '</bdo></span></div>',
    ]) {
      const hostile = `<p>Kontakt: info@firma.de</p>${unit.repeat(Math.ceil(1_000_000 / unit.length))}`;
      const page = await parsePage('https://www.firma.de/', hostile);
      expect(page.text.startsWith('Kontakt: info@firma.de'), unit).toBe(true);
    }
  });

  it('still reads a page nested so deep that the HTML rewriter gives up', async () => {
    // A million nested open elements exceed lol-html's memory limit in workerd; the page is then read by the
    // linear tokenizer alone (no title, lang or JSON-LD, but its text, links and addresses).
    const deep = `<p>Kontakt: info@firma.de</p><a href="/impressum">Impressum</a>${'<div><span>'.repeat(100_000)}x`;
    const page = await parsePage('https://www.firma.de/', deep);
    expect(page.text.startsWith('Kontakt: info@firma.de')).toBe(true);
    expect(page.links.map((link) => link.url)).toContain('https://www.firma.de/impressum');
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

describe('addresses hidden by Neos, CryptX, EMO and Astro islands', () => {
  // The plugins' own encoders, to build inputs (not the decoders under test).
  const rangeShift = (text: string, offset: number) =>
    [...text]
      .map((ch) => {
        const n = ch.charCodeAt(0);
        for (const [lo, hi] of [
          [43, 58],
          [64, 90],
          [97, 122],
        ] as const) {
          if (n >= lo && n <= hi) return String.fromCharCode(lo + ((n - lo + offset) % (hi - lo + 1)));
        }
        return ch;
      })
      .join('');
  const cryptx = (address: string, digits: number[]) =>
    [...address]
      .map((ch, i) => {
        const d = digits[i % digits.length] ?? 0;
        return `${d}${String.fromCharCode(ch.charCodeAt(0) + d)}`;
      })
      .join('');

  it("reads Neos MailObfuscator's linkTo_UnCryptMailto('<address shifted>', -offset) with offsets over 10", async () => {
    const parsed = await parsePage(
      'https://www.baeckerei-roth.de/',
      `<p><a href="javascript:linkTo_UnCryptMailto('${rangeShift('bestellung@baeckerei-roth.de', 23)}',-23)">Bestellen</a>
      <a href="javascript:linkTo_UnCryptMailto('${rangeShift('chef@baeckerei-roth.de', 4)}',-4)">chef (at) baeckerei-roth.de</a></p>`,
    );
    expect(parsed.mailtos.sort()).toEqual(['bestellung@baeckerei-roth.de', 'chef@baeckerei-roth.de']);
  });

  it("reads CryptX's DeCryptX('<digit><character raised by it>…') links", async () => {
    const parsed = await parsePage(
      'https://www.fliesen-haas.de/',
      `<p><a href="javascript:DeCryptX('${cryptx('beratung@fliesen-haas.de', [2, 0, 3, 1])}')">beratung [at] fliesen-haas [dot] de</a>
      <a href="javascript:DeCryptX('1b2c')">kaputt</a></p>`,
    );
    expect(parsed.mailtos).toEqual(['beratung@fliesen-haas.de']);
  });

  it("reads EMO's placeholders from its script: links base-64 encoded with the shuffled alphabet in emo_addr[0]", async () => {
    const std = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const key = `${std.slice(32)}${std.slice(0, 32)}`.replace('/', '.');
    const encode = (text: string) =>
      [...btoa(text).replace(/=+$/, '')].map((ch) => key[std.indexOf(ch)]).join('');
    const parsed = await parsePage(
      'https://www.ergo-lindner.de/kontakt/',
      `<p>E-Mail: <span id="emo_email_1" class="emo_email">Bitte JavaScript aktivieren</span></p>
      <script>var emo_addr = new Array();
      emo_addr[0] = "${key}";
      emo_addr[1] = "${encode('<a href="mailto:termine@ergo-lindner.de">termine@ergo-lindner.de</a>')}";
      emo_addr[2] = emo_addr[1];
      </script>`,
    );
    expect(parsed.mailtos).toEqual(['termine@ergo-lindner.de']);
    expect(parsed.text).not.toContain('emo_addr');
  });

  it("takes an Astro island's props address on the site's own domain, not another domain's", async () => {
    const props = JSON.stringify({
      to: [0, 'anfragen@dachbau-kern.ie'],
      dev: [0, 'support@webagency.example'],
      labels: [1, [[0, 'Name']]],
    }).replace(/"/g, '&quot;');
    const parsed = await parsePage(
      'https://www.dachbau-kern.ie/',
      `<astro-island uid="x1" component-url="/_astro/Form.js" props="${props}" client="only"></astro-island>`,
    );
    expect(parsed.mailtos).toEqual(['anfragen@dachbau-kern.ie']);
  });
});
