// INSERT … SELECT … WHERE <condition>: a batch statement that inserts a row only when a condition holds in
// the same transaction (e.g. "the transition before me in this batch took effect").
// Hand-written because drizzle's raw `db.run(sql)` cannot be bound inside `db.batch` (drizzle-orm 0.45),
// while `insert().select(sql)` can; this builds that SELECT from the table's own columns, in their order.
import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client';

export function insertIf<T extends SQLiteTable>(db: Db, table: T, row: T['$inferInsert'], condition: SQL) {
  const values = Object.entries(getTableColumns(table)).map(([key, column]) => {
    const value = (row as Record<string, unknown>)[key];
    return value === undefined || value === null ? sql`NULL` : sql.param(value, column);
  });
  return db.insert(table).select(sql`SELECT ${sql.join(values, sql`, `)} WHERE ${condition}`);
}
