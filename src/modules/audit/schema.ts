// The audit log's query and its rows: one row schema per action (from the catalog), so each row's details are
// typed by its action in the OpenAPI document and in the dashboard's client.
import { z } from '@hono/zod-openapi';
import { oneOrMore, searchListQuerySchema } from '../../lib/list-query';
import { ADMIN_ACTION_NAMES, ADMIN_ACTIONS, type AdminActionName } from './actions';

export const AUDIT_SORTS = ['created_at'] as const;

export const auditLogQuerySchema = searchListQuerySchema(
  AUDIT_SORTS,
  "the admin's name and email, the action, the target's id and the details (names, titles, hosts)",
).extend({
  actor_id: z.string().max(64).optional().openapi({ description: 'Only actions by this admin (a user id)' }),
  action: oneOrMore(ADMIN_ACTION_NAMES, 'Only these actions').optional(),
  target_id: z.string().max(64).optional().openapi({ description: 'Only actions on this record' }),
});
export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;

const actorSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable().openapi({ description: 'Null when the account no longer exists' }),
    email: z.string().nullable(),
  })
  .openapi('AuditActor');

const rowOf = <A extends AdminActionName>(action: A) =>
  z.object({
    id: z.string(),
    action: z.literal(action).openapi({ description: ADMIN_ACTIONS[action].description }),
    actor: actorSchema,
    target_type: z.literal(ADMIN_ACTIONS[action].target),
    target_id: z.string().nullable().openapi({
      description: 'The record acted on; null for an action on no one record (a metrics rollup)',
    }),
    details: ADMIN_ACTIONS[action].details,
    request_id: z.string().nullable().openapi({
      description:
        'The request it was taken in (X-Request-Id): in the logs, and at GET /v1/admin/trace/{request_id} when it caused events',
    }),
    created_at: z.string(),
  });

type RowSchema = ReturnType<typeof rowOf<AdminActionName>>;

export const adminActionSchema = z
  .discriminatedUnion('action', ADMIN_ACTION_NAMES.map(rowOf) as [RowSchema, ...RowSchema[]])
  .openapi('AdminAction');

export type AdminActionView = z.infer<typeof adminActionSchema>;
