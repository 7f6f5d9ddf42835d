// Builds a ~1 MB company page: real fixture markup (impressum, contact table, scripts, SVG) repeated with product prose.
import { muellerMaschinenbau } from '../../tests/fixtures/sites/mueller-maschinenbau';

const prose = (i: number) => `<section class="product" id="p${i}"><h2>Sondermaschine SM-${i}</h2>
<p>Die Anlage SM-${i} verarbeitet bis zu ${1000 + i} Teile pro Stunde bei Toleranzen von 0,01&nbsp;mm. Lieferzeit ca. ${6 + (i % 8)} Wochen,
Preis auf Anfrage. Baujahr 2024, Stand: 12.03.2025, Artikel-Nr. ${100000 + i}.</p>
<ul><li>Leistung: ${20 + (i % 50)} kW</li><li>Gewicht: ${900 + i} kg</li><li>Ma&szlig;e: 2.400 × 1.800 × 2.100 mm</li></ul>
<svg viewBox="0 0 10 10" aria-hidden="true"><path d="M0 0L10 10"/><text>0800 000 ${i}</text></svg>
<script>window.__p${i} = {"sku":"SM-${i}","tel":"+49 711 0000"};</script>
<a href="/produkte/sm-${i}" class="more">Mehr erfahren</a></section>`;

export function buildLargePage(targetBytes = 1_000_000): string {
  const pages = muellerMaschinenbau.pages;
  const impressum = pages['/impressum'] ?? '';
  const kontakt = pages['/kontakt'] ?? '';
  const inner = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>') + 7);
  const head = impressum.slice(0, impressum.indexOf('<main'));
  const tail = impressum.slice(impressum.indexOf('</main>') + 7);
  const parts = [head, inner(impressum), inner(kontakt)];
  let size = parts.reduce((n, p) => n + p.length, 0) + tail.length;
  for (let i = 0; size < targetBytes; i++) {
    const block = prose(i);
    parts.push(block);
    size += block.length;
  }
  parts.push(tail);
  return parts.join('\n');
}
