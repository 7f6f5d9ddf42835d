// Reading the audit log: newest first, each row with the admin's name and email, searched and filtered.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type AdminActionRow, adminActions, users } from '../../db/schema';
import { keyset, type ListSpec } from '../../lib/list-query';
import type { AdminActionView, AUDIT_SORTS, AuditLogQuery } from './schema';

type Row = AdminActionRow & { actorName: string | null; actorEmail: string | null };

const auditList: ListSpec<Row, (typeof AUDIT_SORTS)[number]> = {
  id: adminActions.id,
  createdAt: adminActions.createdAt,
  sorts: {},
  // The details too: they name what was acted on (a company, an engagement's title, an endpoint's host).
  search: [users.name, users.email, adminActions.action, adminActions.targetId, adminActions.details],
};

function toView(row: Row): AdminActionView {
  return {
    id: row.id,
    action: row.action,
    actor: { id: row.actorId, name: row.actorName, email: row.actorEmail },
    target_type: row.targetType,
    target_id: row.targetId,
    details: row.details,
    request_id: row.requestId,
    created_at: row.createdAt,
    // Written through the typed recorder (./record.ts), so each row's details fit its action's schema.
  } as AdminActionView;
}

export async function listAdminActions(db: Db, query: AuditLogQuery) {
  const list = keyset(auditList, query);
  const rows = await db
    .select({ action: adminActions, actorName: users.name, actorEmail: users.email })
    .from(adminActions)
    .leftJoin(users, eq(users.id, adminActions.actorId))
    .where(
      and(
        query.actor_id ? eq(adminActions.actorId, query.actor_id) : undefined,
        query.action?.length ? inArray(adminActions.action, query.action) : undefined,
        query.target_id ? eq(adminActions.targetId, query.target_id) : undefined,
        list.where,
      ),
    )
    .orderBy(...list.orderBy)
    .limit(query.limit + 1);
  return list.page(
    rows.map(({ action, actorName, actorEmail }) => ({ ...action, actorName, actorEmail })),
    toView,
  );
}
