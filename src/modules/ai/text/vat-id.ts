// VAT identification numbers on an invoice: the labels that introduce them and finding one on a line
// (formats per country live in src/lib/vat-id.ts).
import { compactVatId, vatCountry, vatIdFormatValid } from '../../../lib/vat-id';

/** Labels that introduce a VAT ID (not a national tax number such as the German Steuernummer). */
// The bare words (TVA, IVA) come last: at one position the first alternative wins, and "TVA intracommunautaire"
// (or its abbreviation "TVA intracom.") must be read whole.
export const VAT_ID_LABEL =
  /\b(USt[.-]?\s?-?Id(ent)?[.-]?\s?-?(Nr|Nummer)?\.?|UID(-Nr\.?)?|VAT\s?(Reg(istration)?\.?\s?)?(No|Number|ID|Nr)\.?|Umsatzsteuer-?Identifikationsnummer|BTW[\s-]?(?:nummer|nr\.?|id(?:entificatienummer)?)?|(?:N°|N[ºo]\.?|Num[ée]ro)\s+(?:de\s+)?TVA(?:\s+intra-?\s?(?:communautaire|comm?\.))?|TVA\s+intra-?\s?(?:communautaire|comm?\.)|(?:Partita\s+IVA|P\.\s?IVA)(?:\s*(?:e|\/)\s*C\.\s?F\.)?|N\.?I\.?F\.?|C\.?I\.?F\.?|N[úu]mero\s+de\s+IVA|GSTIN(?:\s*\/\s*UIN)?|GST\s*(?:No|Number|Reg)\.?|\bTVA\b|\bIVA\b|\bVAT\b)/i;

/** A bare word that also heads VAT amounts ("BTW 21 %", "VAT 20 %"): an ID counts only right after it. */
export const WEAK_VAT_ID_LABEL = /^(BTW|TVA|IVA|VAT)$/i;

/**
 * The first VAT-ID-shaped token in a text (call it on what follows a VAT ID label: an IBAN also
 * starts with a country code). Printed groups may run into the next word, so shorter readings are
 * tried until one has a valid format; with none valid, the longest reading is returned as invalid.
 */
export function vatIdIn(text: string): { id: string; valid: boolean } | null {
  const upper = text.toUpperCase();
  const pattern = /\b(ATU|CHE|[A-Z]{2})[\s\u00a0-]?([A-Z0-9](?:[\s.\u00a0-]?[A-Z0-9]){6,14})/g;
  for (let match = pattern.exec(upper); match; match = pattern.exec(upper)) {
    const prefix = match[1] ?? '';
    // A word that is no VAT ID ("Frome GB 284 …") may have swallowed one: look again from its next letter.
    if (!vatCountry(prefix) || !mostlyDigits(match[2] ?? '')) {
      pattern.lastIndex = match.index + 1;
      continue;
    }
    const chunks = (match[2] ?? '').split(/[\s\u00a0]+/);
    const readings = chunks.map((_, i) => compactVatId(prefix + chunks.slice(0, chunks.length - i).join('')));
    const valid = readings.find(vatIdFormatValid);
    if (valid) return { id: valid, valid: true };
    const longest = readings.find((r) => /\d$/.test(r)) ?? readings[0] ?? prefix;
    return { id: longest, valid: false };
  }
  return null;
}

/**
 * Every country's VAT ID is mostly digits (even the UK's government form GD123): words after a label
 * ("Btw-bedrag Subtotaal", "Cod. destinatario M5UXCR1") are no VAT ID at all, not an invalid one. Judged on
 * the groups up to the first without a digit, as the match may run on into the next words ("IE6388047V Due").
 */
function mostlyDigits(body: string): boolean {
  const groups = body.split(/[\s\u00a0]+/);
  const end = groups.findIndex((group) => !/\d/.test(group));
  const number = groups.slice(0, end === -1 ? groups.length : end).join('');
  const digits = number.match(/\d/g)?.length ?? 0;
  return digits >= 3 && digits * 2 >= (number.match(/[A-Z0-9]/gi)?.length ?? 0);
}
