// CSV out, shared by the API's exports and the dashboard's: RFC 4180 quoting, CRLF lines, and a UTF-8 BOM so
// Excel opens umlauts (Müller, Geschäftsführer) correctly instead of guessing a legacy code page.

export const CSV_BOM = '\uFEFF';

/** A cell quoted when it has to be; values scraped from a website that start like a formula are defused. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  // A spreadsheet would run "=HYPERLINK(…)" from a hostile page; an E.164 phone (+4930…) is only a number.
  if (/^[=+\-@\t\r]/.test(text) && !/^\+\d+$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line, CRLF-terminated. */
export const csvLine = (cells: readonly (string | number | null | undefined)[]) =>
  `${cells.map(csvCell).join(',')}\r\n`;
