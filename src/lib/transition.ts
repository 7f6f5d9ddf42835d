// One guarded update for every versioned row (engagements, tasks, extractions, payments): it applies only
// from the version read, bumps the version and stamps a fresh event id. `won` is true in SQL exactly when
// that stamp landed, so the event and every other statement of the same D1 batch can be made to apply only
// then — a duplicate delivery, a racing worker or a stale snapshot can never record a second outcome.
import { and, eq, getTableName, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client';
import { newId } from './ids';

/** The shared columns a guarded update needs. */
export type VersionedTable = SQLiteTable & {
  id: SQLiteColumn;
  version: SQLiteColumn;
  lastEventId: SQLiteColumn;
  updatedAt: SQLiteColumn;
};

export interface StampedUpdate<Q> {
  /** The id of the event this change records: write the event with it, guarded by `won`. */
  eventId: string;
  /** SQL that is true once this update has applied (its stamp is on the row). */
  won: SQL;
  /** The conditional UPDATE … RETURNING, to run first in the batch. */
  update: Q;
}

/**
 * The guarded UPDATE of `row` with `changes`, conditional on `row.version` (and `where`, e.g. a status or
 * capacity condition). Returns the whole new row; no row means another change came first.
 */
export function stampedUpdate<T extends VersionedTable>(
  db: Db,
  table: T,
  row: { id: string; version: number },
  changes: Partial<T['$inferInsert']>,
  where?: SQL,
) {
  const eventId = newId('event');
  const name = sql.identifier(getTableName(table));
  const won = sql`EXISTS (SELECT 1 FROM ${name} WHERE id = ${row.id} AND last_event_id = ${eventId})`;
  const update = db
    .update(table)
    .set({
      ...changes,
      version: row.version + 1,
      lastEventId: eventId,
      updatedAt: new Date().toISOString(),
    } as never)
    .where(and(eq(table.id, row.id), eq(table.version, row.version), where))
    .returning();
  return { eventId, won, update };
}
