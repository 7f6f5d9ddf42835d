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

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeCursor(id: string): string {
  return toBase64Url(encoder.encode(id));
}

export function decodeCursor(cursor: string): string | null {
  try {
    const id = decoder.decode(fromBase64Url(cursor));
    return /^[a-z]+_[0-9A-Z]{26}$/.test(id) ? id : null;
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
