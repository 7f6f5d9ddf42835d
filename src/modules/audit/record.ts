// Recording an admin's action: a statement for the D1 batch that makes the change (so the action and its audit
// row commit together or not at all), or, for an action that is not one batch (it sends to a queue or calls a
// provider), a write right after the action was accepted. A refused or failed action records nothing.
import type { SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../db/client';
import { adminActions } from '../../db/schema';
import type { Principal } from '../../env';
import { insertIf } from '../../lib/guarded-insert';
import { newId } from '../../lib/ids';
import { stampRequestId } from '../../lib/request-context';
import { ADMIN_ACTIONS, type AdminActionDetails, type AdminActionName } from './actions';

/** Who acted. Only admins' actions are audited: a company acting on its own things is not. */
export type Actor = Pick<Principal, 'userId' | 'role'>;

export type AdminAction<A extends AdminActionName = AdminActionName> = {
  [K in A]: { action: K; targetId: string | null; details: AdminActionDetails<K> };
}[A];

/**
 * The batch statements recording `action`: one when the actor is an admin, none otherwise, to spread into the
 * batch. With `onlyIf`, the row is written only where that holds in the same transaction (e.g. "the guarded
 * update before me took effect").
 */
export function auditStatements<A extends AdminActionName>(
  db: Db,
  actor: Actor,
  action: AdminAction<A>,
  options: { onlyIf?: SQL } = {},
): BatchItem<'sqlite'>[] {
  if (actor.role !== 'admin') return [];
  const row = {
    id: newId('adminAction'),
    actorId: actor.userId,
    action: action.action,
    targetType: ADMIN_ACTIONS[action.action].target,
    targetId: action.targetId,
    details: action.details as Record<string, unknown>,
    requestId: stampRequestId(),
    createdAt: new Date().toISOString(),
  };
  return [
    options.onlyIf ? insertIf(db, adminActions, row, options.onlyIf) : db.insert(adminActions).values(row),
  ];
}

/** Records an action that is not one batch, once it was accepted (an admin's only). */
export async function recordAudit<A extends AdminActionName>(db: Db, actor: Actor, action: AdminAction<A>) {
  const [statement, ...rest] = auditStatements(db, actor, action);
  if (statement) await db.batch([statement, ...rest]);
}
