// Net, VAT (rate and amount), gross and currency from the totals block, however it is labelled.
import type { DocLine } from '../../text';
import { amountsIn, currencyCode, percentsIn } from '../../text/amounts';
import type { Found } from '../shared/labels';

export type TotalKind = 'net' | 'vat' | 'gross';

const NOT_A_TOTAL =
  /\b(USt|VAT|MwSt|Umsatzsteuer)[\s.-]*(Id|Ident|Reg|No\b|Nr\b|Number)|Steuer-?\s?nr|Steuernummer|\bTax\s*(ID|No\b|Number|Reg)|\bUID\b|\bIBAN\b|\bBIC\b|Übertrag|carried\s+forward|brought\s+forward/i;
const NET =
  /(netto|\bnet\b|subtotal|sub-total|zwischensumme|warenwert|excl\.?\s*(vat|tax|mwst|ust)|exkl\.?|ohne\s+(mwst|ust)|before\s+tax)/i;
const VAT = /\b(MwSt|Mehrwertsteuer|USt|Umsatzsteuer|VAT|Sales\s+tax|Tax)\b/i;
const INCLUDED = /(inkl|incl|including|brutto|gross)/i;
const GROSS =
  /(gesamtbetrag|gesamtsumme|bruttobetrag|brutto|rechnungsbetrag|endbetrag|zahlbetrag|zu\s+zahlen|\bgesamt\b|\bsumme\b|\btotal\b|amount\s+due|balance\s+due|amount\s+payable|grand\s+total|\bgross\b)/i;
// Invoices without VAT say why; then the VAT is a known zero rather than a missing value.
const NO_VAT =
  /(Reverse[\s-]Charge|Steuerschuldnerschaft\s+des\s+Leistungsempfängers|§\s*19\s*UStG|Kleinunternehmer|steuerfrei|VAT\s+exempt|exempt\s+from\s+VAT|nicht\s+steuerbar)/i;
const CURRENCY_LABEL = /(?:Währung|Currency)\s*:?\s*([A-Z]{3}|€|£|\$)/i;

/** Which total a line states, if any: the order matters ("Total excl. VAT" is net, "Total incl. VAT" gross). */
export function totalKind(text: string): TotalKind | null {
  if (NOT_A_TOTAL.test(text)) return null;
  if (NET.test(text)) return 'net';
  if (VAT.test(text) && !INCLUDED.test(text)) return 'vat';
  if (GROSS.test(text)) return 'gross';
  return null;
}

export interface Totals {
  net: Found<number> | null;
  vat: Found<number> | null;
  rate: Found<number> | null;
  gross: Found<number> | null;
  currency: Found<string> | null;
  /** Several VAT rates: the amount is their sum and no single rate applies. */
  mixedRates: boolean;
}

export function invoiceTotals(lines: DocLine[]): Totals {
  const candidates: Record<TotalKind, Found<number>[]> = { net: [], vat: [], gross: [] };
  for (const line of lines) {
    const kind = totalKind(line.text);
    const amount = amountsIn(line.text).at(-1);
    if (kind && amount) candidates[kind].push({ value: amount.minor, line });
  }
  // The totals block closes the invoice: the last statement of each total is the final one.
  const net = candidates.net.at(-1) ?? null;
  const gross = candidates.gross.at(-1) ?? null;
  const { vat, rate, mixedRates } = vatOf(candidates.vat, lines);
  return { net, vat, rate, gross, currency: currencyOf(lines, gross), mixedRates };
}

function vatOf(found: Found<number>[], lines: DocLine[]): Pick<Totals, 'vat' | 'rate' | 'mixedRates'> {
  const withRate = found.map((f) => ({ ...f, rate: percentsIn(f.line.text)[0] ?? null }));
  const rated = withRate.filter((f) => f.rate !== null);
  const rates = new Set(rated.map((f) => f.rate));
  if (rates.size > 1) {
    const sum = rated.reduce((total, f) => total + f.value, 0);
    return { vat: rated[0] ? { value: sum, line: rated[0].line } : null, rate: null, mixedRates: true };
  }
  const last = withRate.at(-1);
  if (last) {
    const rateLine = rated.at(-1);
    return {
      vat: { value: last.value, line: last.line },
      rate: rateLine?.rate != null ? { value: rateLine.rate, line: rateLine.line } : null,
      mixedRates: false,
    };
  }
  const exempt = lines.find((line) => NO_VAT.test(line.text));
  return exempt
    ? { vat: { value: 0, line: exempt }, rate: { value: 0, line: exempt }, mixedRates: false }
    : { vat: null, rate: null, mixedRates: false };
}

/** The gross line's currency; else the one most amounts carry; else a "Währung:" label. */
function currencyOf(lines: DocLine[], gross: Found<number> | null): Found<string> | null {
  const onGross = gross && amountsIn(gross.line.text).find((a) => a.currency)?.currency;
  if (gross && onGross) return { value: onGross, line: gross.line };
  const counts = new Map<string, { count: number; line: DocLine }>();
  for (const line of lines) {
    for (const { currency } of amountsIn(line.text)) {
      if (!currency) continue;
      const seen = counts.get(currency);
      counts.set(currency, { count: (seen?.count ?? 0) + 1, line: seen?.line ?? line });
    }
  }
  const [top] = [...counts.entries()].sort(
    (a, b) => b[1].count - a[1].count || a[1].line.index - b[1].line.index,
  );
  if (top) return { value: top[0], line: top[1].line };
  for (const line of lines) {
    const code = CURRENCY_LABEL.exec(line.text)?.[1];
    const currency = code && (currencyCode(code) ?? code.toLowerCase());
    if (currency) return { value: currency, line };
  }
  return null;
}
