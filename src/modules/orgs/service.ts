// A company's own organisation: its name and billing details.
import type { z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type Org, orgs } from '../../db/schema';
import { notFound } from '../../lib/errors';
import { billingColumnsOf, toBillingDetailsView, type updateBillingDetailsSchema } from './billing-details';

export const toOrgView = (row: Org) => ({
  id: row.id,
  name: row.name,
  billing_details: toBillingDetailsView(row),
  created_at: row.createdAt,
});

export async function getOwnOrg(db: Db, orgId: string) {
  const row = await db.query.orgs.findFirst({ where: eq(orgs.id, orgId) });
  if (!row) throw notFound('Organisation');
  return toOrgView(row);
}

export async function updateOwnOrg(
  db: Db,
  orgId: string,
  input: { name?: string; billing_details?: z.infer<typeof updateBillingDetailsSchema> },
) {
  const changes = {
    ...(input.name !== undefined && { name: input.name }),
    ...billingColumnsOf(input.billing_details ?? {}),
  };
  if (Object.keys(changes).length === 0) return getOwnOrg(db, orgId);
  const [row] = await db.update(orgs).set(changes).where(eq(orgs.id, orgId)).returning();
  if (!row) throw notFound('Organisation');
  return toOrgView(row);
}
