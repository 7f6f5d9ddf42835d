// Long documents for the extraction benchmark: a 20-page invoice (item table over every page) and a 20-page RFP.
import { buildPdf, type Cell, left, pair, type Row } from '../../tests/fixtures/ai/pdf';

const ROWS_PER_PAGE = 38;
const euro = (minor: number) =>
  `${Math.floor(minor / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${String(minor % 100).padStart(2, '0')} €`;

function item(n: number): { row: Cell[]; amount: number } {
  const qty = (n % 7) + 1;
  const price = 1000 + ((n * 379) % 9000);
  const row: Cell[] = [
    { x: 50, text: String(n) },
    { x: 80, text: `Wartung Anlage ${n}, Prüfprotokoll ${1000 + n}` },
    { x: 330, text: `${qty} Std.` },
    { x: 460, text: euro(price), align: 'right' },
    { x: 545, text: euro(qty * price), align: 'right' },
  ];
  return { row, amount: qty * price };
}

export function longInvoice(pages = 20): Promise<Uint8Array> {
  const header: Row = ['Pos.', 'Beschreibung', 'Menge', 'Einzelpreis', 'Gesamt'].map((text, i) => ({
    x: [50, 80, 330, 460, 545][i] ?? 50,
    text,
    bold: true,
    ...(i >= 3 ? { align: 'right' as const } : {}),
  }));
  const out: Row[][] = [];
  let net = 0;
  let n = 0;
  for (let p = 0; p < pages; p++) {
    const rows: Row[] = [];
    if (p === 0) {
      rows.push(left('Muster Facility GmbH', { size: 16, bold: true }), { gap: 20 });
      rows.push(left('Muster Facility GmbH · Industriestraße 5 · 70565 Stuttgart', { size: 7 }), { gap: 8 });
      rows.push(left('Kunde Logistik AG'), left('Hafenweg 2'), left('28197 Bremen'), { gap: 20 });
      rows.push(pair('Rechnungsnummer:', 'MF-2024-9001'), pair('Rechnungsdatum:', '30.04.2024'), { gap: 20 });
    }
    rows.push(header);
    const count = p === pages - 1 ? ROWS_PER_PAGE - 14 : p === 0 ? ROWS_PER_PAGE - 14 : ROWS_PER_PAGE;
    for (let r = 0; r < count; r++) {
      const { row, amount } = item(++n);
      rows.push(row);
      net += amount;
    }
    if (p < pages - 1)
      rows.push({ gap: 10 }, pair('Übertrag', euro(net), 330), left(`Seite ${p + 1} von ${pages}`));
    out.push(rows);
  }
  const vat = Math.round(net * 0.19);
  out
    .at(-1)
    ?.push(
      { gap: 10 },
      pair('Nettobetrag', euro(net), 330),
      pair('zzgl. 19 % USt.', euro(vat), 330),
      pair('Gesamtbetrag', euro(net + vat), 330),
      { gap: 10 },
      left('USt-IdNr.: DE123456789 · IBAN: DE89 3704 0044 0532 0130 00'),
    );
  return buildPdf(out);
}

export function longRfp(pages = 20): Promise<Uint8Array> {
  const out: Row[][] = [];
  for (let p = 0; p < pages; p++) {
    const rows: Row[] = [];
    if (p === 0) {
      rows.push(left('Aufforderung zur Angebotsabgabe', { size: 16, bold: true }), { gap: 10 });
      rows.push(
        pair('Vergabenummer:', 'VG-2025-777', 50, 400),
        pair('Auftraggeber:', 'Land Musterland', 50, 400),
      );
      rows.push(pair('Bezeichnung des Auftrags:', 'Gebäudereinigung Landesbehörden', 50, 400));
      rows.push(pair('Angebotsfrist:', '12.05.2025, 10:00 Uhr', 50, 400), { gap: 10 });
    }
    rows.push(left(`${p + 1}. Los ${p + 1} – Leistungsbeschreibung`, { bold: true }));
    rows.push(
      left(`Los ${p + 1}: Reinigung Dienstgebäude ${p + 1}`),
      left('Mindestanforderungen (zwingend):'),
    );
    for (let r = 0; r < 14; r++)
      rows.push(left(`- Der Auftragnehmer muss Reinigungsbereich ${p + 1}.${r + 1} werktäglich reinigen.`));
    rows.push(left('Wünschenswert:'));
    for (let r = 0; r < 14; r++)
      rows.push(left(`- Umweltzeichen für Reinigungsmittel ${p + 1}.${r + 1} sollte vorliegen.`));
    out.push(rows);
  }
  return buildPdf(out);
}
