// INSERT … SELECT … WHERE <condition>: a batch statement that inserts a row only when a condition holds in
// the same transaction (e.g. "the transition before me in this batch took effect").
// Hand-written because drizzle's raw `db.run(sql)` cannot be bound inside `db.batch` (drizzle-orm 0.45),
// while `insert().select(sql)` can; this builds that SELECT from the table's own columns, in their order.
import { getTableColumns, is, SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client';

export function insertIf<T extends SQLiteTable>(db: Db, table: T, row: T['$inferInsert'], condition: SQL) {
  const values = Object.entries(getTableColumns(table)).map(([key, column]) => {
    const value = (row as Record<string, unknown>)[key];
    if (value === null) return sql`NULL`;
    if (value !== undefined) return sql.param(value, column);
    return columnDefault(column);
  });
  return db.insert(table).select(sql`SELECT ${sql.join(values, sql`, `)} WHERE ${condition}`);
}

/**
 * An INSERT … SELECT lists every column, so an omitted one needs its default spelled out (a plain INSERT would
 * apply it): the SQL default, the static default, or the default function's value; otherwise NULL.
 */
export function columnDefault(column: SQLiteColumn): SQL | ReturnType<typeof sql.param> {
  if (is(column.default, SQL)) return column.default;
  if (column.default !== undefined) return sql.param(column.default, column);
  if (column.defaultFn) return sql.param(column.defaultFn(), column);
  return sql`NULL`;
}
