// Where a cell stands across the page (a fraction of the page width), and which column it belongs to: the
// one reading by position that tables of lots, line items and values under column labels share.

export interface Span {
  x: number;
  w: number;
}

/** How much two spans overlap (negative: the gap between them). */
export const overlap = (a: Span, b: Span) => Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);

/** The column a cell stands under: the one it overlaps most, else the nearest by centre. */
export function columnOf<C extends Span>(cell: Span, columns: readonly C[]): C | undefined {
  const distance = (c: Span) => Math.abs(cell.x + cell.w / 2 - (c.x + c.w / 2));
  return [...columns].sort((a, b) => overlap(cell, b) - overlap(cell, a) || distance(a) - distance(b))[0];
}
