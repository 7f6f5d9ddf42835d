// An extraction's entities as a CSV file built in the browser: RFC 4180 quoting, CRLF lines and a UTF-8 BOM
// so Excel opens umlauts (Müller, Geschäftsführer) correctly instead of guessing a legacy code page.
import type { Extraction } from '../../api/client';

type Entity = Extraction['entities'][number];

const COLUMNS = ['type', 'value', 'role', 'confidence', 'source_url'] as const;

/** A cell quoted when it has to be; values scraped from a website that start like a formula are defused. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  // A spreadsheet would run "=HYPERLINK(…)" from a hostile page; an E.164 phone (+4930…) is only a number.
  if (/^[=+\-@\t\r]/.test(text) && !/^\+\d+$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function entitiesCsv(entities: readonly Entity[]): string {
  const rows = entities.map((e) => [e.type, e.value, e.role, e.confidence, e.source_url]);
  return `\uFEFF${[COLUMNS, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** Saves `text` as a file through a Blob URL (no server round trip). */
export function downloadText(text: string, filename: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked once the click has handed the blob to the download.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
