// An extraction's entities as a CSV file built in the browser, with the API's own CSV cell rules (BOM, quoting,
// formula guard) so the two exports cannot drift apart.
import { CSV_BOM, csvCell } from '../../../../src/lib/csv';
import type { Extraction } from '../../api/client';

export { csvCell };

type Entity = Extraction['entities'][number];

const COLUMNS = ['type', 'value', 'role', 'confidence', 'source_url'] as const;

export function entitiesCsv(entities: readonly Entity[]): string {
  const rows = entities.map((e) => [e.type, e.value, e.role, e.confidence, e.source_url]);
  return `${CSV_BOM}${[COLUMNS, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
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
