// Shared by the list tests: every page of a list read with its cursor, and the order a sort must give.
import { expect } from 'vitest';
import { call, json } from '../helpers';

type Row = { id: string } & Record<string, unknown>;

/** Every row of `path` (with its query), reading `limit` at a time and following next_cursor to the end. */
export async function walk(path: string, token: string, limit = 2): Promise<Row[]> {
  const rows: Row[] = [];
  const separator = path.includes('?') ? '&' : '?';
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const url = `${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await call(url, { token });
    expect(response.status, `${url}: ${response.status}`).toBe(200);
    const page = await json(response);
    expect(page.data.length).toBeLessThanOrEqual(limit);
    rows.push(...page.data);
    cursor = page.next_cursor;
    if (!cursor) return rows;
  }
  throw new Error(`${path} never ended`);
}

export const ids = (rows: { id: string }[]) => rows.map((row) => row.id);

/**
 * The ids of `rows` in the order `sort` must give: by `value` (text compared ASCII case-insensitively, as
 * SQLite's NOCASE does, when `nocase`), ties by id, both in the sort's direction.
 */
export function expectedOrder<T extends { id: string }>(
  rows: T[],
  sort: string,
  value: (row: T) => string | number,
  nocase = false,
): string[] {
  const sign = sort.startsWith('-') ? -1 : 1;
  const fold = (v: string | number) =>
    typeof v === 'string' && nocase ? v.replace(/[A-Z]/g, (ch) => ch.toLowerCase()) : v;
  const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows]
    .sort((a, b) => sign * (compare(fold(value(a)), fold(value(b))) || compare(a.id, b.id)))
    .map((row) => row.id);
}

/** The problem's field errors name `parameter`. */
export async function expectInvalid(response: Response, parameter: string) {
  expect(response.status).toBe(422);
  expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
  const problem = await json(response);
  expect(problem.errors.map((e: { path: string }) => e.path.split('.')[0])).toContain(parameter);
  return problem;
}
