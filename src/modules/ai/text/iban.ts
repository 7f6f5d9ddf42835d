// Finds IBANs in text and verifies them with the ISO 13616 mod-97 checksum.

// IBAN lengths of the SEPA countries. Other country codes are not read as IBANs: a creditor reference
// ("RF18 …") has the same shape and the same mod-97 checksum.
const LENGTHS: Record<string, number> = {
  AT: 20,
  BE: 16,
  BG: 22,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  EE: 20,
  ES: 24,
  FI: 18,
  FR: 27,
  GB: 22,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IS: 26,
  IT: 27,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MT: 31,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  RO: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
};

export interface IbanHit {
  /** Compact, upper-case. */
  iban: string;
  valid: boolean;
  index: number;
}

/** IBAN-shaped strings on a line, printed in groups of four or compact; each with its checksum verdict. */
export function ibansIn(line: string): IbanHit[] {
  const hits: IbanHit[] = [];
  for (const match of line.matchAll(/\b([A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]){10,30})/g)) {
    const compact = (match[1] ?? '').replace(/[ \u00a0]/g, '');
    const country = compact.slice(0, 2);
    // Greedy matching may run into the next word ("… 00 BIC"); the country's length cuts it back.
    const length = LENGTHS[country];
    if (!length || compact.length < length) continue;
    const iban = compact.slice(0, length);
    hits.push({ iban, valid: validIban(iban), index: match.index });
  }
  return hits;
}

export function validIban(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  if (LENGTHS[iban.slice(0, 2)] !== iban.length) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  // Letters become 10..35; the remainder is taken digit by digit to stay within safe integers.
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= 'A' ? char.charCodeAt(0) - 55 : Number(char);
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

/** Groups of four, as printed on invoices. */
export function formatIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}
