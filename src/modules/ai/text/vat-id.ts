// VAT identification numbers: finding them on a line and checking their format per country.

const FORMATS: Record<string, RegExp> = {
  AT: /^ATU\d{8}$/,
  BE: /^BE[01]\d{9}$/,
  CH: /^CHE\d{9}(MWST|TVA|IVA)?$/,
  CZ: /^CZ\d{8,10}$/,
  DE: /^DE\d{9}$/,
  DK: /^DK\d{8}$/,
  ES: /^ES[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^FI\d{8}$/,
  FR: /^FR[A-HJ-NP-Z0-9]{2}\d{9}$/,
  GB: /^GB(\d{9}|\d{12}|GD[0-4]\d{2}|HA[5-9]\d{2})$/,
  IE: /^IE\d{7}[A-W][A-I]?$|^IE\d[A-Z+*]\d{5}[A-W]$/,
  IT: /^IT\d{11}$/,
  LU: /^LU\d{8}$/,
  NL: /^NL\d{9}B\d{2}$/,
  PL: /^PL\d{10}$/,
  PT: /^PT\d{9}$/,
  SE: /^SE\d{10}01$/,
  XI: /^XI(\d{9}|\d{12})$/,
};

/** Labels that introduce a VAT ID (not a national tax number such as the German Steuernummer). */
export const VAT_ID_LABEL =
  /\b(USt[.-]?\s?-?Id(ent)?[.-]?\s?-?(Nr|Nummer)?\.?|UID(-Nr\.?)?|VAT\s?(Reg(istration)?\.?\s?)?(No|Number|ID|Nr)\.?|Umsatzsteuer-?Identifikationsnummer)/i;

export function vatIdFormatValid(id: string): boolean {
  const country = id.startsWith('CHE') ? 'CH' : id.slice(0, 2);
  return FORMATS[country]?.test(id) ?? false;
}

/** Upper-case, without the spaces, dots and dashes people print inside VAT IDs. */
export function compactVatId(text: string): string {
  return text.toUpperCase().replace(/[\s.\u00a0-]/g, '');
}

/**
 * The first VAT-ID-shaped token in a text (call it on what follows a VAT ID label: an IBAN also
 * starts with a country code). Printed groups may run into the next word, so shorter readings are
 * tried until one has a valid format; with none valid, the longest reading is returned as invalid.
 */
export function vatIdIn(text: string): { id: string; valid: boolean } | null {
  for (const match of text
    .toUpperCase()
    .matchAll(/\b(ATU|CHE|[A-Z]{2})[\s\u00a0-]?([A-Z0-9](?:[\s.\u00a0-]?[A-Z0-9]){6,14})/g)) {
    const prefix = match[1] ?? '';
    if (!FORMATS[prefix === 'ATU' ? 'AT' : prefix === 'CHE' ? 'CH' : prefix]) continue;
    const chunks = (match[2] ?? '').split(/[\s\u00a0]+/);
    const readings = chunks.map((_, i) => compactVatId(prefix + chunks.slice(0, chunks.length - i).join('')));
    const valid = readings.find(vatIdFormatValid);
    if (valid) return { id: valid, valid: true };
    const longest = readings.find((r) => /\d$/.test(r)) ?? readings[0] ?? prefix;
    return { id: longest, valid: false };
  }
  return null;
}
