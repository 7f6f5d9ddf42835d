// Recognising D1 constraint errors, so a race that loses on a unique index becomes a 409, not a 500.
export function isUniqueViolation(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  // drizzle wraps the D1 error ("Failed query: …") with the original as `cause`.
  while (current instanceof Error && !seen.has(current)) {
    if (/UNIQUE constraint failed|PRIMARY KEY constraint failed|SQLITE_CONSTRAINT/i.test(current.message))
      return true;
    seen.add(current);
    current = current.cause;
  }
  return false;
}
