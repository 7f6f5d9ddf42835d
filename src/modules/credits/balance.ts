// An org's current credit balance (the account row; no row yet means nothing granted or bought).
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { creditAccounts } from '../../db/schema';

export async function balanceOf(db: Db, orgId: string): Promise<number> {
  const row = await db.query.creditAccounts.findFirst({ where: eq(creditAccounts.orgId, orgId) });
  return row?.balance ?? 0;
}
