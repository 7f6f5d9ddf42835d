// Many rows in one statement with one bound parameter: the rows travel as a JSON array and SQLite's json_each
// unpacks them. D1 binds at most 100 parameters per statement, so a classic multi-row VALUES list holds only a
// handful of rows; this keeps bulk jobs (payout runs over thousands of experts) at a few statements in all.
// Hand-written because drizzle has no bulk form that stays within D1's parameter limit.
import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client';
import { columnDefault } from './guarded-insert';

/** Rows per statement: well under D1's 100 KB statement limit for the rows our jobs write. */
export const JSON_ROWS_CHUNK = 200;

/**
 * `column IN (…)` with the list as one JSON parameter: any number of values in one statement (a plain `IN`
 * list binds one parameter per value, and D1 allows 100 per statement).
 */
export const inJsonList = (column: SQLiteColumn | SQL, values: readonly unknown[]) =>
  sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;

/** `json_extract(value, '$.key')` of the current json_each row. */
export const field = (key: string) =>
  sql.raw(`json_extract(value, '$.${key.replace(/[^a-zA-Z0-9_]/g, '')}')`);

/**
 * INSERT INTO table SELECT … FROM json_each(?): every column in table order, taken from each row by its
 * property name (drizzle's key), or its default when the rows do not carry it. Batchable like any insert.
 */
export function insertJsonRows<T extends SQLiteTable>(
  db: Db,
  table: T,
  rows: T['$inferInsert'][],
  /** Per row, e.g. "the change this event describes took effect" (use `field(...)` for the row's values). */
  where: SQL = sql`true`,
) {
  const columns = Object.entries(getTableColumns(table)) as [string, SQLiteColumn][];
  const present = new Set(rows.flatMap((row) => Object.keys(row as object)));
  const selects = columns.map(([key, column]) => {
    return present.has(key) ? field(key) : columnDefault(column);
  });
  const payload = JSON.stringify(
    rows.map((row) =>
      Object.fromEntries(
        Object.entries(row as Record<string, unknown>).map(([key, value]) => [
          key,
          // JSON columns are stored as text, as drizzle would store them.
          value !== null && typeof value === 'object' ? JSON.stringify(value) : value,
        ]),
      ),
    ),
  );
  // Always a WHERE: SQLite needs one to tell an upsert's ON CONFLICT from a join's ON.
  return db
    .insert(table)
    .select(sql`SELECT ${sql.join(selects, sql`, `)} FROM json_each(${payload}) WHERE ${where}`);
}

/** `(SELECT json_extract(value,'$.<key>') FROM json_each(?) WHERE json_extract(value,'$.id') = <idColumn>)`. */
export function valueFor(payload: string, key: string, idColumn: SQLiteColumn | SQL) {
  return sql`(SELECT ${field(key)} FROM json_each(${payload}) WHERE ${field('id')} = ${idColumn})`;
}

/** `<idColumn> IN (SELECT json_extract(value,'$.id') FROM json_each(?))`. */
export function idIn(payload: string, idColumn: SQLiteColumn | SQL) {
  return sql`${idColumn} IN (SELECT ${field('id')} FROM json_each(${payload}))`;
}
