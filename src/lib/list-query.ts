// Search, sort and keyset pages for the resource lists: a list declares its sort fields and searched columns
// once (a ListSpec); the query parameters, the WHERE and ORDER BY, and the cursors all come from it. A cursor
// holds the sort it was read in with the last row's sort value and id, so a page boundary stays exact under any
// order (ties broken by id) and a cursor from another order is refused rather than silently misread.
import { z } from '@hono/zod-openapi';
import { and, asc, type Column, desc, gte, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { ApiError } from './errors';
import { decodeSortedCursor, encodeSortedCursor, listQuerySchema } from './pagination';

export const DEFAULT_SORT = '-created_at';
export const MAX_SEARCH_LENGTH = 100;
const MAX_SEARCH_WORDS = 8;
const DAY_MS = 86_400_000;

/** One order a list can be read in: what ORDER BY compares, and the same value read from a row. */
export interface SortField<Row> {
  /** A column, or an expression such as `title COLLATE NOCASE` (the cursor condition compares the same). */
  by: Column | SQL;
  value: (row: Row) => string | number;
}

export interface ListSpec<Row extends { id: string }, K extends string> {
  /** The id column: the tie-breaker of every order, and itself the creation order (ids are time-sortable). */
  id: Column;
  /** Filtered by `created_from` / `created_to`. */
  createdAt: Column;
  /** Every sort key but `created_at` (which is the id order). */
  sorts: Record<Exclude<K, 'created_at'>, SortField<Row>>;
  /** What `q` searches: text columns, or conditions built from the LIKE pattern (e.g. a subquery's). */
  search: (Column | ((pattern: SQL) => SQL))[];
}

/** A real calendar day (Date.parse rolls 2026-02-31 over into March), then the whole value. */
function isIsoDateOrTime(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value)) return false;
  const day = value.slice(0, 10);
  const dayMs = Date.parse(`${day}T00:00:00Z`);
  return (
    !Number.isNaN(dayMs) &&
    new Date(dayMs).toISOString().slice(0, 10) === day &&
    !Number.isNaN(Date.parse(value))
  );
}

const isoDateOrTime = z
  .string()
  .max(40)
  .refine(
    isIsoDateOrTime,
    'An ISO-8601 date (2026-01-31) or date-time with its offset (2026-01-31T12:00:00Z)',
  );

const searchWords = (q: string) => q.split(/\s+/).filter(Boolean);

/** The query parameters every searchable, sortable list takes, for its sort keys. */
export function searchListQuerySchema<const K extends string>(
  sortKeys: readonly [K, ...K[]],
  searched: string,
) {
  const sorts = z.enum(sortKeys.flatMap((key) => [key, `-${key}`]) as [SortParam<K>, ...SortParam<K>[]]);
  return z.object({
    limit: listQuerySchema.shape.limit,
    cursor: z
      .string()
      .max(1000)
      .refine(
        (value) => decodeSortedCursor(value, DEFAULT_SORT) !== null,
        'Not a cursor returned by this API',
      )
      .optional()
      .openapi({ description: 'next_cursor of the previous page, read with the same sort' }),
    q: z
      .string()
      .trim()
      .max(MAX_SEARCH_LENGTH)
      .refine((q) => searchWords(q).length <= MAX_SEARCH_WORDS, `At most ${MAX_SEARCH_WORDS} words`)
      .optional()
      .openapi({
        description: `Search ${searched}: every word must occur in one of them (a case-insensitive substring)`,
        example: 'tender',
      }),
    // Every list sorts by created_at (TypeScript cannot see that through the generic enum).
    sort: sorts.default(DEFAULT_SORT as never).openapi({
      description: `Order of the list: a field, ascending, or with a leading "-" descending; ties in id order. Default ${DEFAULT_SORT} (newest first).`,
    }),
    created_from: isoDateOrTime
      .optional()
      .openapi({ description: 'Created at or after (a date means its start, UTC)', example: '2026-01-01' }),
    created_to: isoDateOrTime.optional().openapi({
      description: 'Created at or before (a date means its whole day, UTC)',
      example: '2026-01-31',
    }),
  });
}

export type SortParam<K extends string> = K | `-${K}`;

export interface SearchListQuery {
  limit: number;
  cursor?: string;
  q?: string;
  sort: string;
  created_from?: string;
  created_to?: string;
}

/** `a,b,c` for one or more of `values` (a filter matching any of them); an empty value filters nothing. */
export function oneOrMore<const T extends string>(values: readonly T[], description: string) {
  return z
    .string()
    .max(400)
    .transform((text, ctx) => {
      const parts = [...new Set(text.split(',').map((part) => part.trim()))].filter(Boolean);
      for (const part of parts) {
        if (!(values as readonly string[]).includes(part))
          ctx.addIssue({ code: 'custom', message: `"${part}" is not one of ${values.join(', ')}` });
      }
      return parts as T[];
    })
    .openapi({
      type: 'string',
      description: `${description}: one or more of ${values.join(', ')}, comma-separated`,
      example: values.slice(0, 2).join(','),
    });
}

/** A lower-case ISO 4217 code (upper case accepted). */
export const currencyFilter = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'A three-letter ISO 4217 code, e.g. eur')
  .transform((code) => code.toLowerCase())
  .openapi({ type: 'string', description: 'Only this currency (ISO 4217)', example: 'eur' });

/** `%word%` for LIKE, with the wildcards and the escape character in the word taken literally. */
export function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** `column LIKE pattern ESCAPE '\'` — case-insensitive for ASCII, as SQLite's LIKE is. */
export const likeEscaped = (column: Column | SQL, pattern: SQL | string): SQL =>
  sql`${column} like ${pattern} escape '\\'`;

/** The search, date range, cursor and order of one page of a list, and the page made of the rows read. */
export function keyset<Row extends { id: string }, K extends string>(
  spec: ListSpec<Row, K>,
  query: SearchListQuery,
) {
  const descending = query.sort.startsWith('-');
  const key = (descending ? query.sort.slice(1) : query.sort) as K;
  const field = key === 'created_at' ? undefined : spec.sorts[key as Exclude<K, 'created_at'>];
  const direction = descending ? desc : asc;
  const orderBy = field ? [direction(field.by), direction(spec.id)] : [direction(spec.id)];

  return {
    where: and(
      search(spec, query.q),
      createdRange(spec.createdAt, query),
      after(spec, query, field, descending),
    ),
    orderBy,
    /** Rows read with limit + 1: the page, and the cursor of the next one. */
    page<R>(rows: Row[], map: (row: Row) => R) {
      const more = rows.length > query.limit;
      const pageRows = more ? rows.slice(0, query.limit) : rows;
      const last = pageRows.at(-1);
      const next_cursor =
        more && last
          ? encodeSortedCursor({ sort: query.sort, id: last.id, value: field?.value(last) })
          : null;
      return { data: pageRows.map(map), next_cursor };
    },
  };
}

/**
 * The spellings of a word to look for. SQLite's LIKE folds case for ASCII letters only (D1 has no ICU), so a
 * word with other letters is also tried lower-cased, upper-cased and capitalised: `müller` and `MÜLLER` find
 * “Müller”, `ÉCOLE` finds “école”. Mixed-case spellings beyond those are not folded.
 */
export function spellings(word: string): string[] {
  if (/^[ -~]*$/.test(word)) return [word]; // printable ASCII: LIKE folds it already
  const lower = word.toLowerCase();
  const capitalised = lower.charAt(0).toUpperCase() + lower.slice(1);
  return [...new Set([word, lower, word.toUpperCase(), capitalised])];
}

function search<Row extends { id: string }, K extends string>(spec: ListSpec<Row, K>, q: string | undefined) {
  if (!q) return undefined;
  const words = searchWords(q).map((word) =>
    or(
      ...spellings(word).flatMap((spelling) => {
        const pattern = sql`${likePattern(spelling)}`;
        return spec.search.map((target) =>
          typeof target === 'function' ? target(pattern) : likeEscaped(target, pattern),
        );
      }),
    ),
  );
  return and(...words);
}

function createdRange(createdAt: Column, query: SearchListQuery): SQL | undefined {
  const from = query.created_from === undefined ? undefined : Date.parse(query.created_from);
  // A bare date is its whole day: up to the next day's start (exclusive); a date-time is inclusive.
  const to = query.created_to === undefined ? undefined : Date.parse(query.created_to);
  const wholeDay = query.created_to?.length === 10;
  if (from !== undefined && to !== undefined && (wholeDay ? to + DAY_MS <= from : to < from)) {
    throw new ApiError(422, 'The request does not match the schema', {
      errors: [{ path: 'created_to', message: 'Must not be before created_from' }],
    });
  }
  const iso = (ms: number) => new Date(ms).toISOString();
  return and(
    from === undefined ? undefined : gte(createdAt, iso(from)),
    to === undefined ? undefined : wholeDay ? lt(createdAt, iso(to + DAY_MS)) : lte(createdAt, iso(to)),
  );
}

/** The rows after the cursor in this order: (value, id) beyond the last row's. */
function after<Row extends { id: string }, K extends string>(
  spec: ListSpec<Row, K>,
  query: SearchListQuery,
  field: SortField<Row> | undefined,
  descending: boolean,
): SQL | undefined {
  if (!query.cursor) return undefined;
  const cursor = decodeSortedCursor(query.cursor, DEFAULT_SORT);
  const fits =
    cursor && cursor.sort === query.sort && (field ? cursor.value !== undefined : cursor.value === undefined);
  if (!cursor || !fits) {
    throw new ApiError(422, 'The request does not match the schema', {
      errors: [
        {
          path: 'cursor',
          message: `This cursor was returned for another sort; read the first page with sort=${query.sort} again`,
        },
      ],
    });
  }
  const beyond = sql.raw(descending ? '<' : '>');
  if (!field || cursor.value === undefined) return sql`${spec.id} ${beyond} ${cursor.id}`;
  return sql`(${field.by} ${beyond} ${cursor.value} or (${field.by} = ${cursor.value} and ${spec.id} ${beyond} ${cursor.id}))`;
}
