// Splitting lists for D1: a statement binds at most 100 parameters, so `IN (…)` lists go in chunks of
// IDS_PER_STATEMENT (leaving room for a statement's other parameters).
export const IDS_PER_STATEMENT = 90;

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
