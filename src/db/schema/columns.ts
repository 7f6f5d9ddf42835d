// Column helpers shared by the tables.
import { sql } from 'drizzle-orm';
import { text } from 'drizzle-orm/sqlite-core';

/** ISO-8601 UTC with milliseconds, defaulted by SQLite, so rows written by SQL alone get one too. */
export const timestamp = (name: string) =>
  text(name).notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);
