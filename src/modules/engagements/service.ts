// Engagements: a company requests an expert; the expert accepts or declines; either side ends it.
import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  type Engagement,
  type EngagementModule,
  engagementModules,
  engagements,
  experts,
  orgs,
} from '../../db/schema';
import { ApiError, conflict } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { keyset, type ListSpec } from '../../lib/list-query';
import { recordEvent } from '../../lib/outbox';
import type { TenantScope } from '../../lib/tenancy';
import { stampedUpdate } from '../../lib/transition';
import { isKnownModule } from '../ai/registry';
import { type EngagementAction, engagementMachine } from './machine';
import { installingStatements, installModules, uninstallStatements } from './modules';
import type { CreateEngagementInput, ENGAGEMENT_SORTS, ListEngagementsQuery } from './schema';

/** An engagement with the names its readers need beside the ids (the company's, the expert's). */
type NamedEngagement = Engagement & { orgName: string; expertName: string };

// Selected with the engagement wherever engagements are listed, so names cost no extra query.
const namedColumns = { ...getTableColumns(engagements), orgName: orgs.name, expertName: experts.name };

/** The names for one engagement row already read (after a change, or through the tenant scope). */
async function withNames(db: Db, row: Engagement): Promise<NamedEngagement> {
  const [names] = await db
    .select({ orgName: orgs.name, expertName: experts.name })
    .from(orgs)
    .innerJoin(experts, eq(experts.id, row.expertId))
    .where(eq(orgs.id, row.orgId));
  return { ...row, orgName: names?.orgName ?? '', expertName: names?.expertName ?? '' };
}

export function toEngagementView(row: NamedEngagement) {
  return {
    id: row.id,
    org_id: row.orgId,
    org_name: row.orgName,
    expert_id: row.expertId,
    expert_name: row.expertName,
    title: row.title,
    modules: row.modules,
    rate: { amount: row.rateAmount, currency: row.rateCurrency, interval: row.rateInterval },
    status: row.status,
    review_threshold: row.reviewThreshold,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

export function toModuleView(row: EngagementModule) {
  return { module: row.module, status: row.status, error: row.error, updated_at: row.updatedAt };
}

export async function requestEngagement(scope: TenantScope, input: CreateEngagementInput) {
  const { db, principal } = scope;
  const orgId = principal.orgId;
  if (!orgId) throw new Error('requestEngagement needs a company principal');
  const expert = await db.query.experts.findFirst({ where: eq(experts.id, input.expert_id) });
  if (!expert) {
    throw new ApiError(422, 'The request does not match the schema', {
      errors: [{ path: 'expert_id', message: 'No expert with this id' }],
    });
  }
  const now = new Date().toISOString();
  const row = {
    id: newId('engagement'),
    orgId,
    expertId: expert.id,
    title: input.title,
    modules: input.modules,
    rateAmount: input.rate.amount,
    rateCurrency: input.rate.currency,
    rateInterval: input.rate.interval,
    status: 'pending' as const,
    createdBy: principal.userId,
    createdAt: now,
    updatedAt: now,
  };
  const [inserted] = await db.batch([
    db.insert(engagements).values(row).returning(),
    recordEvent(db, {
      type: 'engagement.requested',
      engagementId: row.id,
      orgId,
      data: { engagement_id: row.id, expert_id: expert.id, title: row.title, actor_id: principal.userId },
    }),
  ]);
  const created = inserted[0];
  if (!created) throw new Error('engagement insert returned no row');
  return toEngagementView(await withNames(db, created));
}

const engagementList: ListSpec<NamedEngagement, (typeof ENGAGEMENT_SORTS)[number]> = {
  id: engagements.id,
  createdAt: engagements.createdAt,
  sorts: {
    updated_at: { by: engagements.updatedAt, value: (row) => row.updatedAt },
    title: { by: sql`${engagements.title} collate nocase`, value: (row) => row.title },
    status: { by: engagements.status, value: (row) => row.status },
    rate: { by: engagements.rateAmount, value: (row) => row.rateAmount },
  },
  search: [engagements.title, orgs.name, experts.name, engagements.modules, engagements.id],
};

export async function listEngagements(scope: TenantScope, query: ListEngagementsQuery) {
  const list = keyset(engagementList, query);
  const rows = await scope.db
    .select(namedColumns)
    .from(engagements)
    .innerJoin(orgs, eq(orgs.id, engagements.orgId))
    .innerJoin(experts, eq(experts.id, engagements.expertId))
    .where(
      and(
        scope.engagementCondition(),
        query.status?.length ? inArray(engagements.status, query.status) : undefined,
        list.where,
      ),
    )
    .orderBy(...list.orderBy)
    .limit(query.limit + 1);
  return list.page(rows, toEngagementView);
}

export async function getEngagement(scope: TenantScope, id: string) {
  return toEngagementView(await withNames(scope.db, await scope.engagement(id)));
}

export async function listEngagementModules(scope: TenantScope, id: string) {
  const engagement = await scope.engagement(id);
  const rows = await scope.db.query.engagementModules.findMany({
    where: eq(engagementModules.engagementId, engagement.id),
    orderBy: engagementModules.module,
  });
  return { data: rows.map(toModuleView) };
}

/**
 * Moves an engagement along the machine. The whole change is one D1 batch (a transaction): the status update
 * is conditional on the version read, and every other statement (client counter, modules, event) only takes
 * effect when that update did, so concurrent requests cannot both win or double-count.
 */
export async function transitionEngagement(scope: TenantScope, id: string, action: EngagementAction) {
  return applyTransition(scope, await scope.engagement(id), action);
}

/** The transition from a snapshot read earlier; a snapshot that is stale by the time it commits loses (409). */
export async function applyTransition(scope: TenantScope, current: Engagement, action: EngagementAction) {
  const { db, principal } = scope;
  const id = current.id;
  const step = engagementMachine.plan(action, current.status, principal.role);
  const now = new Date().toISOString();
  const hasCapacity = sql`EXISTS (SELECT 1 FROM experts WHERE id = ${current.expertId} AND current_clients < max_clients)`;
  const leavesActive = step.from === 'active';
  const { eventId, won, update } = stampedUpdate(
    db,
    engagements,
    current,
    { status: step.to },
    action === 'accept' ? hasCapacity : undefined,
  );

  const clientDelta = action === 'accept' ? 1 : leavesActive ? -1 : 0;
  const counter = db
    .update(experts)
    .set({ currentClients: sql`current_clients + ${clientDelta}`, updatedAt: now })
    .where(and(eq(experts.id, current.expertId), won));
  const event = recordEvent(
    db,
    {
      id: eventId,
      type: step.event,
      engagementId: id,
      orgId: current.orgId,
      data: { engagement_id: id, from: step.from, to: step.to, actor_id: principal.userId },
    },
    { onlyIf: won },
  );
  const moduleStatements =
    action === 'accept'
      ? installingStatements(db, current, won, now)
      : leavesActive
        ? uninstallStatements(db, current, await installedModules(db, id), won, now)
        : [];

  const [updated] = await db.batch([
    update,
    event,
    ...(clientDelta !== 0 ? [counter] : []),
    ...moduleStatements,
  ]);
  if (updated.length === 0) throw await explainLostTransition(scope, current);

  if (action === 'accept') await installModules(db, current, isKnownModule);
  return toEngagementView(await withNames(db, await scope.engagement(id)));
}

async function explainLostTransition(scope: TenantScope, before: Engagement) {
  const now = await scope.engagement(before.id);
  if (now.version !== before.version) {
    return conflict(`The engagement changed while you were acting on it; it is now ${now.status}`);
  }
  return conflict('The expert has reached their max_clients and cannot accept another engagement');
}

async function installedModules(db: Db, engagementId: string) {
  const rows = await db.query.engagementModules.findMany({
    where: and(
      eq(engagementModules.engagementId, engagementId),
      inArray(engagementModules.status, ['installing', 'active']),
    ),
  });
  return rows.map((r) => r.module);
}
