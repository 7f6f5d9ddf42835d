// VAT on generated documents. Amounts billed and paid out are gross (VAT included, when there is VAT): the
// invoice total is what the company is charged, the statement total what the expert is paid. The net is
// derived, rounded half away from zero to the minor unit; the VAT is the difference, so net + VAT = gross.
import { vatCountry } from '../../lib/vat-id';

/** Standard VAT rates of the EU member states (basis points; as of 2025). */
export const STANDARD_VAT_BPS: Record<string, number> = {
  AT: 2000,
  BE: 2100,
  BG: 2000,
  CY: 1900,
  CZ: 2100,
  DE: 1900,
  DK: 2500,
  EE: 2400,
  ES: 2100,
  FI: 2550,
  FR: 2000,
  GR: 2400,
  HR: 2500,
  HU: 2700,
  IE: 2300,
  IT: 2200,
  LT: 2100,
  LU: 1700,
  LV: 2100,
  MT: 1800,
  NL: 2100,
  PL: 2300,
  PT: 2300,
  RO: 2100,
  SE: 2500,
  SI: 2200,
  SK: 2300,
};

export const REVERSE_CHARGE_NOTE =
  'Steuerschuldnerschaft des Leistungsempfängers / Reverse charge, Art. 196 VAT Directive';
export const SMALL_BUSINESS_NOTE =
  'Gemäß § 19 UStG wird keine Umsatzsteuer berechnet / No VAT charged: small business (§ 19 UStG)';

export type VatMode = 'standard' | 'reverse_charge' | 'small_business';

export interface VatTreatment {
  mode: VatMode;
  rate_bps: number;
  note: string | null;
}

export interface TaxParty {
  country_code: string | null;
  vat_id: string | null;
}

/** The member state a VAT ID belongs to (Greece prints EL), else the party's country. */
export function taxCountry(party: TaxParty): string | null {
  const id = party.vat_id?.toUpperCase().replace(/[\s.-]/g, '');
  if (id) {
    const country = id.startsWith('EL') ? 'GR' : vatCountry(id.startsWith('ATU') ? 'ATU' : id.slice(0, 2));
    if (country) return country;
  }
  return party.country_code?.toUpperCase() ?? null;
}

const inEu = (country: string | null): country is string => country !== null && country in STANDARD_VAT_BPS;

/**
 * A supply from `supplier` to `recipient`: reverse charge when both have VAT IDs of different member
 * states; otherwise the supplier's standard rate (none when the supplier is outside the table).
 */
export function vatTreatment(
  supplier: TaxParty & { small_business?: boolean },
  recipient: TaxParty,
): VatTreatment {
  if (supplier.small_business) return { mode: 'small_business', rate_bps: 0, note: SMALL_BUSINESS_NOTE };
  const from = taxCountry(supplier);
  const to = taxCountry(recipient);
  if (supplier.vat_id && recipient.vat_id && inEu(from) && inEu(to) && from !== to) {
    return { mode: 'reverse_charge', rate_bps: 0, note: REVERSE_CHARGE_NOTE };
  }
  return { mode: 'standard', rate_bps: inEu(from) ? (STANDARD_VAT_BPS[from] ?? 0) : 0, note: null };
}

/** Net and VAT of a gross amount at `rateBps`, the net rounded half away from zero. */
export function splitGross(gross: number, rateBps: number) {
  const divisor = 10_000 + rateBps;
  const magnitude = Math.floor((2 * Math.abs(gross) * 10_000 + divisor) / (2 * divisor));
  const net = Math.sign(gross) * magnitude;
  return { net, vat: gross - net, gross };
}

/** "19 %", "25,5 %". */
export const formatRate = (bps: number) => `${(bps / 100).toString().replace('.', ',')} %`;

/** German notation with the code or €: "4.500,00 €", "-12,50 USD". Two decimals (minor units of 1/100). */
export function formatAmount(minor: number, currency: string) {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const major = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const cents = (abs % 100).toString().padStart(2, '0');
  const code = currency.toLowerCase() === 'eur' ? '€' : currency.toUpperCase();
  return `${sign}${major},${cents} ${code}`;
}
