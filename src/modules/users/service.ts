// The platform's people for its admins: a searchable list, and disabling or enabling an account. A disabled
// account cannot sign in and every token it holds stops working at once (authentication reads the row); an
// admin cannot disable themselves, so the platform never loses its last way in by a slip. Each change and
// its audit row are one batch, applied only when the account's state actually changed.
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { orgs, type User, users } from '../../db/schema';
import type { Principal } from '../../env';
import { ApiError, notFound } from '../../lib/errors';
import { keyset, type ListSpec } from '../../lib/list-query';
import { auditStatements } from '../audit/record';
import type { AdminUserView, ListUsersQuery, USER_SORTS } from './schema';

type UserRow = User & { orgName: string | null };

const userList: ListSpec<UserRow, (typeof USER_SORTS)[number]> = {
  id: users.id,
  createdAt: users.createdAt,
  sorts: {
    email: { by: sql`${users.email} collate nocase`, value: (row) => row.email },
    name: { by: sql`${users.name} collate nocase`, value: (row) => row.name },
  },
  search: [users.email, users.name, orgs.name, users.id],
};

function toView(row: UserRow): AdminUserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    org_id: row.orgId,
    org_name: row.orgName,
    expert_id: row.expertId,
    locale: row.locale,
    created_at: row.createdAt,
    disabled_at: row.disabledAt,
  };
}

const selectUsers = (db: Db) =>
  db.select({ user: users, orgName: orgs.name }).from(users).leftJoin(orgs, eq(orgs.id, users.orgId));

export async function listUsers(db: Db, query: ListUsersQuery) {
  const list = keyset(userList, query);
  const rows = await selectUsers(db)
    .where(
      and(
        query.role ? eq(users.role, query.role) : undefined,
        query.disabled === undefined
          ? undefined
          : query.disabled
            ? isNotNull(users.disabledAt)
            : isNull(users.disabledAt),
        list.where,
      ),
    )
    .orderBy(...list.orderBy)
    .limit(query.limit + 1);
  return list.page(
    rows.map((r) => ({ ...r.user, orgName: r.orgName })),
    toView,
  );
}

async function userView(db: Db, id: string): Promise<AdminUserView> {
  const [row] = await selectUsers(db).where(eq(users.id, id));
  if (!row) throw notFound('User');
  return toView({ ...row.user, orgName: row.orgName });
}

/** Disables (`disable: true`) or enables an account; doing what is already so changes and records nothing. */
export async function setUserDisabled(
  db: Db,
  admin: Principal,
  id: string,
  disable: boolean,
  reason?: string,
): Promise<AdminUserView> {
  const user = await userView(db, id);
  if (disable && id === admin.userId)
    throw new ApiError(409, 'You cannot disable your own account; another admin can');
  const now = new Date().toISOString();
  await db.batch([
    db
      .update(users)
      .set({ disabledAt: disable ? now : null })
      .where(and(eq(users.id, id), disable ? isNull(users.disabledAt) : isNotNull(users.disabledAt))),
    // Recorded only when the update before it in this transaction changed the row (SQLite's changes()), so
    // of two requests at once one records it, and asking for what is already so records nothing.
    ...auditStatements(
      db,
      admin,
      disable
        ? {
            action: 'user.disable',
            targetId: id,
            details: { email: user.email, role: user.role, reason: reason ?? null },
          }
        : { action: 'user.enable', targetId: id, details: { email: user.email, role: user.role } },
      { onlyIf: sql`changes() = 1` },
    ),
  ]);
  return userView(db, id);
}
