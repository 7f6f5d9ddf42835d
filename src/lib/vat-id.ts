// VAT identification number formats per country (EU VIES format table, UK incl. government departments and
// health authorities, Northern Ireland, Switzerland), shared by the invoice reader and the lead extractor.

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

/** The country a VAT ID prefix names, if we know its format ('ATU' → AT, 'CHE' → CH). */
export function vatCountry(prefix: string): string | null {
  const country = prefix === 'ATU' ? 'AT' : prefix.startsWith('CHE') ? 'CH' : prefix.slice(0, 2);
  return country in FORMATS ? country : null;
}

/** Whether a compact VAT ID (see compactVatId) has its country's format. */
export function vatIdFormatValid(id: string): boolean {
  const country = vatCountry(id.startsWith('CHE') ? 'CHE' : id.slice(0, 2));
  return country ? (FORMATS[country]?.test(id) ?? false) : false;
}

/** Upper-case, without the spaces, dots and dashes people print inside VAT IDs. */
export function compactVatId(text: string): string {
  return text.toUpperCase().replace(/[\s.\u00a0-]/g, '');
}

/** ISO 7064 MOD 11,10 check digit of the nine digits of a German VAT ID. */
export function germanVatCheckDigitOk(digits: string): boolean {
  let product = 10;
  for (let i = 0; i < 8; i++) {
    let sum = (Number(digits[i]) + product) % 10;
    if (sum === 0) sum = 10;
    product = (2 * sum) % 11;
  }
  return (11 - product) % 10 === Number(digits[8]);
}

/** The Italian partita IVA's check digit (the Luhn scheme over its eleven digits). */
export function italianVatCheckDigitOk(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 11; i++) {
    let d = Number(digits[i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Italy and Spain print the VAT number behind their own labels without the country prefix ("P.IVA
 * 03728510045", "CIF: B-98741267", "NIF 50938271-X"). The EU form (IT…, ES…) of the number that opens
 * `text` (what follows such a label), or null. An Italian number must pass its check digit.
 */
export function italianVatId(text: string): string | null {
  const digits = /^[\s:.]*(?:n\.?\s?|nr\.?\s?)?(?:IT\s?)?(\d{11})(?!\d)/i.exec(text)?.[1];
  return digits && italianVatCheckDigitOk(digits) ? `IT${digits}` : null;
}

export function spanishVatId(text: string): string | null {
  const raw = /^[\s:.]*(?:ES\s?)?([A-HJ-NP-SUVW]-?\d{7}-?[0-9A-J]|\d{8}-?[A-Z])(?![\p{L}\d])/iu.exec(
    text,
  )?.[1];
  const id = raw ? `ES${raw.replace(/-/g, '').toUpperCase()}` : null;
  return id && vatIdFormatValid(id) ? id : null;
}

/**
 * The control character of a Spanish tax number: a company's CIF (letter, seven digits, a digit or letter
 * computed Luhn-like from them) or a person's NIF/NIE (eight digits, or X/Y/Z and seven, then a letter mod 23).
 */
export function spanishCheckOk(id: string): boolean {
  const nif = /^([XYZ]?)(\d{7,8})([A-Z])$/.exec(id);
  if (nif) {
    const [, prefix = '', digits = '', letter] = nif;
    if (digits.length !== (prefix ? 7 : 8)) return false;
    const number = Number(`${prefix ? 'XYZ'.indexOf(prefix) : ''}${digits}`);
    return 'TRWAGMYFPDXBNJZSQVHLCKE'[number % 23] === letter;
  }
  const cif = /^([ABCDEFGHJNPQRSUVW])(\d{7})([0-9A-J])$/.exec(id);
  if (!cif) return false;
  const digits = [...(cif[2] ?? '')].map(Number);
  const sum = digits.reduce(
    (total, d, i) => total + (i % 2 === 0 ? Math.floor((2 * d) / 10) + ((2 * d) % 10) : d),
    0,
  );
  const control = (10 - (sum % 10)) % 10;
  return cif[3] === String(control) || cif[3] === 'JABCDEFGHI'[control];
}

/**
 * A tax number printed with no label at all, alone in its cell under a party's name ("B01239870", as Spanish
 * invoices print the CIF): only the Spanish form, letters and digits whose control character holds. (An Italian
 * partita IVA is eleven bare digits, too easily another number, and Italian invoices label it.)
 */
export function bareNationalVatId(cell: string): string | null {
  const text = cell.trim().toUpperCase().replace(/-/g, '');
  return /^[A-Z]?\d{7,8}[A-Z0-9]$/.test(text) && /[A-Z]/.test(text) && spanishCheckOk(text)
    ? `ES${text}`
    : null;
}

/** The labels Italy ("P.IVA", "Partita IVA", "C.F. e P.IVA") and Spain ("CIF", "NIF", "N.I.F.") print their
 * VAT numbers behind, without the country prefix. */
export const ITALIAN_VAT_LABEL = /(?:P\.? ?IVA|Partita IVA)(?:\s*(?:e|\/)\s*C\.? ?F\.?)?/iu;
export const SPANISH_VAT_LABEL = /(?<![\p{L}])(?:N\.?I\.?F\.?(?:-IVA)?|C\.?I\.?F\.?)(?![\p{L}])/u;

/** After such a label, the VAT number in its EU form (IT…, ES…), or an Indian GSTIN, or null. */
export function nationalVatId(label: string, text: string): string | null {
  if (ITALIAN_VAT_LABEL.test(label)) return italianVatId(text);
  if (SPANISH_VAT_LABEL.test(label)) return spanishVatId(text);
  if (GSTIN_LABEL.test(label)) return gstinIn(text);
  return null;
}

/** India's GST identification number, its label: "GSTIN", "GST No.", "GSTIN/UIN". */
export const GSTIN_LABEL = /GSTIN(?:\s*\/\s*UIN)?|GST\s*(?:No|Number|Reg)/i;
const GST_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The GSTIN opening `text`: state code, the holder's PAN, entity number, "Z", and a check character computed
 * mod 36 over the fourteen before it (the GSTN's published scheme); null when it fails.
 */
export function gstinIn(text: string): string | null {
  const id = /^[\s:.#-]*(\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z])(?![0-9A-Z])/i
    .exec(text)?.[1]
    ?.toUpperCase();
  if (!id) return null;
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    const product = GST_CHARS.indexOf(id[i] ?? '') * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return GST_CHARS[(36 - (sum % 36)) % 36] === id[14] ? id : null;
}
