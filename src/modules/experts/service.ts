// Expert profiles: the public directory and the expert's own profile.
import { and, desc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type Expert, experts } from '../../db/schema';
import { conflict, notFound } from '../../lib/errors';
import { afterCursor, type ListQuery, toPage } from '../../lib/pagination';
import { billingColumnsOf, toBillingDetailsView } from '../orgs/billing-details';
import type { UpdateExpertInput } from './schema';

export function toExpertView(row: Expert) {
  return {
    id: row.id,
    name: row.name,
    headline: row.headline,
    skills: row.skills,
    modules: row.modules,
    rate: { amount: row.rateAmount, currency: row.rateCurrency, interval: row.rateInterval },
    max_clients: row.maxClients,
    current_clients: row.currentClients,
    payouts_enabled: row.payoutsEnabled,
  };
}

export function toOwnExpertView(row: Expert) {
  return {
    ...toExpertView(row),
    stripe_account_id: row.stripeAccountId,
    billing_details: {
      ...toBillingDetailsView(row),
      tax_number: row.taxNumber,
      small_business: row.smallBusiness,
    },
  };
}

/** `%text%` for LIKE, with the caller's own % and _ matched literally. */
const contains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listExperts(db: Db, query: ListQuery & { q?: string; module?: string }) {
  const pattern = query.q ? contains(query.q) : null;
  const rows = await db
    .select()
    .from(experts)
    .where(
      and(
        afterCursor(experts.id, query.cursor),
        // SQLite's LIKE ignores ASCII case; each skill is matched on its own (not the JSON text around them).
        pattern
          ? sql`(${experts.name} LIKE ${pattern} ESCAPE '\\' OR ${experts.headline} LIKE ${pattern} ESCAPE '\\'
              OR EXISTS (SELECT 1 FROM json_each(${experts.skills}) WHERE value LIKE ${pattern} ESCAPE '\\'))`
          : undefined,
        query.module
          ? sql`EXISTS (SELECT 1 FROM json_each(${experts.modules}) WHERE value = ${query.module})`
          : undefined,
      ),
    )
    .orderBy(desc(experts.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, toExpertView);
}

export async function getExpert(db: Db, id: string): Promise<Expert> {
  const row = await db.query.experts.findFirst({ where: eq(experts.id, id) });
  if (!row) throw notFound('Expert');
  return row;
}

export async function updateOwnProfile(db: Db, expertId: string, input: UpdateExpertInput) {
  // The capacity check is part of the update, so an accept landing at the same moment cannot slip past it.
  const [row] = await db
    .update(experts)
    .set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.headline !== undefined && { headline: input.headline }),
      ...(input.skills !== undefined && { skills: input.skills }),
      ...(input.modules !== undefined && { modules: input.modules }),
      ...(input.rate !== undefined && {
        rateAmount: input.rate.amount,
        rateCurrency: input.rate.currency,
        rateInterval: input.rate.interval,
      }),
      ...(input.max_clients !== undefined && { maxClients: input.max_clients }),
      ...billingColumnsOf(input.billing_details ?? {}),
      updatedAt: new Date().toISOString(),
    })
    .where(
      and(
        eq(experts.id, expertId),
        input.max_clients !== undefined ? lte(experts.currentClients, input.max_clients) : undefined,
      ),
    )
    .returning();
  if (row) return toOwnExpertView(row);
  const current = await getExpert(db, expertId);
  throw conflict(`max_clients cannot go below your ${current.currentClients} current clients`);
}
