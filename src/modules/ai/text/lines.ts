// Numbered lines of a document and the SourceRef that points a reviewer back at one of them.
import type { DocumentText, SourceRef } from '../types';

export interface DocLine {
  /** 1-based page for PDFs, null otherwise. */
  page: number | null;
  /** 1-based line within the page (or the whole document). */
  line: number;
  text: string;
  /** Position in documentLines(), for looking at neighbours. */
  index: number;
  /** Where the line starts across the page (0 left edge, 1 right edge); known for PDFs only. */
  x?: number;
  /** Where each tab-separated cell of `text` starts and how wide it is (page fractions); PDFs only. */
  cells?: { x: number; w: number }[];
}

export function documentLines(doc: DocumentText): DocLine[] {
  const lines: DocLine[] = [];
  doc.pages.forEach((page, p) => {
    page.split('\n').forEach((text, i) => {
      const box = doc.layout?.[p]?.[i];
      lines.push({
        page: doc.format === 'pdf' ? p + 1 : null,
        line: i + 1,
        text,
        index: lines.length,
        ...(box ? { x: box.x } : {}),
        ...(box?.cells ? { cells: box.cells } : {}),
      });
    });
  });
  return lines;
}

export function sourceOf(line: DocLine): SourceRef {
  const text = line.text.replace(/\s+/g, ' ').trim();
  return { page: line.page, line: line.line, text: text.length > 160 ? `${text.slice(0, 159)}…` : text };
}
