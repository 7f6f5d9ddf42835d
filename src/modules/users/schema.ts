// Admin user management: the people of the platform as an operator sees them, and disabling an account.
import { z } from '@hono/zod-openapi';
import { searchListQuerySchema } from '../../lib/list-query';

export const adminUserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(['company', 'expert', 'admin']),
    org_id: z.string().nullable(),
    org_name: z.string().nullable().openapi({ description: 'The company a member belongs to' }),
    expert_id: z.string().nullable(),
    locale: z.enum(['en', 'de']),
    created_at: z.string(),
    disabled_at: z.string().nullable().openapi({
      description: 'Set while the account is disabled: it cannot sign in, its tokens fail at once',
    }),
  })
  .openapi('AdminUser');

export type AdminUserView = z.infer<typeof adminUserSchema>;

export const USER_SORTS = ['created_at', 'email', 'name'] as const;

export const listUsersQuerySchema = searchListQuerySchema(USER_SORTS, 'email, name, company and id').extend({
  role: z.enum(['company', 'expert', 'admin']).optional(),
  disabled: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .openapi({ description: 'true: only disabled accounts; false: only active ones' }),
});

export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

export const disableUserSchema = z
  .object({
    reason: z.string().trim().min(1).max(500).optional().openapi({ description: 'Kept in the audit log' }),
  })
  .strict()
  .openapi('DisableUser');
