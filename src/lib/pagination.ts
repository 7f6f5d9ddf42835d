// Cursor pagination over time-sortable ids: newest first, the cursor is the last id seen (opaque to clients).
import { z } from '@hono/zod-openapi';
import { type Column, lt, type SQL } from 'drizzle-orm';
import { fromBase64Url, toBase64Url } from './crypto';

export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ example: 20 }),
  cursor: z
    .string()
    .max(200)
    .refine((value) => decodeCursor(value) !== null, 'Not a cursor returned by this API')
    .optional()
    .openapi({ description: 'next_cursor of the previous page' }),
});

export type ListQuery = z.infer<typeof listQuerySchema>;

const ID_PATTERN = /^[a-z]+_[0-9A-Z]{26}$/;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeCursor(id: string): string {
  return toBase64Url(encoder.encode(id));
}

export function decodeCursor(cursor: string): string | null {
  try {
    const id = decoder.decode(fromBase64Url(cursor));
    return ID_PATTERN.test(id) ? id : null;
  } catch {
    return null;
  }
}

/** Where a sorted list's page ended: the sort it was read in, the last id and that row's sort value. */
export interface SortedCursor {
  sort: string;
  id: string;
  /** Absent for sorts by id itself (creation order). */
  value?: string | number;
}

export function encodeSortedCursor(cursor: SortedCursor): string {
  const parts =
    cursor.value === undefined ? [cursor.sort, cursor.id] : [cursor.sort, cursor.id, cursor.value];
  return toBase64Url(encoder.encode(JSON.stringify(parts)));
}

/**
 * A sorted list's cursor, or a plain id cursor (what every list returned before lists could be sorted), read as
 * the default newest-first sort so cursors already handed out keep working. Null when it is neither.
 */
export function decodeSortedCursor(cursor: string, defaultSort: string): SortedCursor | null {
  const id = decodeCursor(cursor);
  if (id) return { sort: defaultSort, id };
  try {
    const parts: unknown = JSON.parse(decoder.decode(fromBase64Url(cursor)));
    if (!Array.isArray(parts) || parts.length < 2 || parts.length > 3) return null;
    const [sort, last, value] = parts;
    if (typeof sort !== 'string' || typeof last !== 'string' || !ID_PATTERN.test(last)) return null;
    if (parts.length === 2) return { sort, id: last };
    return typeof value === 'string' || typeof value === 'number' ? { sort, id: last, value } : null;
  } catch {
    return null;
  }
}

/** Condition for the rows after the cursor, in `ORDER BY id DESC`. */
export function afterCursor(idColumn: Column, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const id = decodeCursor(cursor);
  return id ? lt(idColumn, id) : undefined;
}

/** Fetch limit + 1 rows, return a page and the cursor of the next one. */
export function toPage<T extends { id: string }, R>(rows: T[], limit: number, map: (row: T) => R) {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return { data: pageRows.map(map), next_cursor: hasMore && last ? encodeCursor(last.id) : null };
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), next_cursor: z.string().nullable() });
}
