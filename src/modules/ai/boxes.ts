// Where each field of a reading is printed, for the reviewer's document view: the box of the line the
// field's source points at (page and line from `source`, the line's extent from the PDF's text layout).
import type { DocumentText, SourceRef } from './types';

export type Box = { page: number; x: number; y: number; w: number; h: number };

const isSource = (value: unknown): value is SourceRef =>
  typeof value === 'object' && value !== null && 'page' in value && 'line' in value;

/** `{path: box}` for the output's source map and each list entry's own source (`line_items[2]`). */
export function fieldBoxes(output: unknown, doc: DocumentText): Record<string, Box> {
  const boxes: Record<string, Box> = {};
  if (!doc.layout || typeof output !== 'object' || output === null) return boxes;
  const boxOf = (source: SourceRef): Box | null => {
    if (source.page === null || source.line === null) return null;
    const line = doc.layout?.[source.page - 1]?.[source.line - 1];
    return line ? { page: source.page, x: line.x, y: line.y, w: line.w, h: line.h } : null;
  };
  const record = output as Record<string, unknown>;
  const sources = record.source;
  if (sources && typeof sources === 'object') {
    for (const [path, source] of Object.entries(sources)) {
      const box = isSource(source) ? boxOf(source) : null;
      if (box) boxes[path] = box;
    }
  }
  for (const [key, value] of Object.entries(record)) {
    if (!Array.isArray(value)) continue;
    value.forEach((item, i) => {
      const source = (item as { source?: unknown } | null)?.source;
      const box = isSource(source) ? boxOf(source) : null;
      if (box) boxes[`${key}[${i}]`] = box;
    });
  }
  return boxes;
}
