// The drizzle handle for a D1 binding: built once per binding and isolate, not per call. drizzle() walks the whole
// schema to build its relational config each time it is called (a CPU profile of the webhook benchmark put 7 % of
// the Worker's time there, with createDb called per request, handler and queue batch); the handle itself keeps no
// per-request state, so every caller can share it.
import { drizzle } from 'drizzle-orm/d1';
import * as schema from './schema';

const handles = new WeakMap<D1Database, ReturnType<typeof build>>();

const build = (d1: D1Database) => drizzle(d1, { schema });

export function createDb(d1: D1Database) {
  // No binding at all (a script rendering the OpenAPI document without one): a handle that fails only if used.
  if (typeof d1 !== 'object' || d1 === null) return build(d1);
  let db = handles.get(d1);
  if (!db) {
    db = build(d1);
    handles.set(d1, db);
  }
  return db;
}

export type Db = ReturnType<typeof createDb>;
