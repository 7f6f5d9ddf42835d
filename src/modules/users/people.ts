// Who is told about something: the people of an expert profile, the members of a company, the platform's
// admins. Only accounts that can still sign in: a disabled account gets neither notifications nor emails.
// Notifications, emails and alerts all ask here, so the rule cannot differ between them.
import { and, eq, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';

const person = {
  id: users.id,
  orgId: users.orgId,
  expertId: users.expertId,
  email: users.email,
  name: users.name,
  locale: users.locale,
};

export type Person = Awaited<ReturnType<typeof activePeople>>[number];

function activePeople(db: Db, where: SQL) {
  return db
    .select(person)
    .from(users)
    .where(and(where, isNull(users.disabledAt)));
}

export const expertPeople = (db: Db, expertId: string) => activePeople(db, eq(users.expertId, expertId));
export const orgPeople = (db: Db, orgId: string) => activePeople(db, eq(users.orgId, orgId));
export const adminPeople = (db: Db) => activePeople(db, eq(users.role, 'admin'));
