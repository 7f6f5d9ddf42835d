// An org's current credit balance (the account row; no row yet means nothing granted or bought).
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { creditAccounts } from '../../db/schema';

/** The balance as one statement, for a batch; read it with balanceFrom. */
export const balanceQuery = (db: Db, orgId: string) =>
  db.select({ balance: creditAccounts.balance }).from(creditAccounts).where(eq(creditAccounts.orgId, orgId));

export const balanceFrom = (rows: { balance: number }[]) => rows[0]?.balance ?? 0;

export async function balanceOf(db: Db, orgId: string): Promise<number> {
  return balanceFrom(await balanceQuery(db, orgId));
}
