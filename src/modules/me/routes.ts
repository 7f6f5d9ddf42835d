// GET /v1/me: who the caller is — the user, and their company or expert profile. PATCH /v1/me: their own
// name and language (the dashboard's and their emails').
import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { orgs, users } from '../../db/schema';
import type { AppEnv } from '../../env';
import { notFound } from '../../lib/errors';
import { bearerSecurity, createRouter, errorResponses, jsonResponse } from '../../lib/openapi';
import { updateMeSchema, userSchema } from '../auth/schema';
import { toUserView } from '../auth/service';
import { ownExpertSchema } from '../experts/schema';
import { getExpert, toOwnExpertView } from '../experts/service';

const meSchema = z
  .object({
    user: userSchema,
    org: z.object({ id: z.string(), name: z.string() }).nullable(),
    expert: ownExpertSchema.nullable(),
    via_api_key: z.boolean(),
  })
  .openapi('Me');

const route = createRoute({
  method: 'get',
  path: '/',
  tags: ['Auth'],
  security: bearerSecurity,
  summary: 'The signed-in user with their organisation or expert profile',
  // Any API key may ask who it is, whatever its scopes.
  'x-scope': 'any',
  responses: { 200: jsonResponse('You', meSchema), ...errorResponses(401) },
});

const updateRoute = createRoute({
  method: 'patch',
  path: '/',
  tags: ['Auth'],
  security: bearerSecurity,
  summary: 'Change your own name or language',
  description: 'The language (`en` or `de`) is the dashboard’s and that of every email Engage sends you.',
  request: { body: { content: { 'application/json': { schema: updateMeSchema } }, required: true } },
  responses: { 200: jsonResponse('You', meSchema), ...errorResponses(401, 403, 422) },
});

async function me(c: Context<AppEnv>) {
  const { db, principal } = c.var;
  const user = await db.query.users.findFirst({ where: eq(users.id, principal.userId) });
  if (!user) throw notFound('User');
  const org = principal.orgId
    ? await db.query.orgs.findFirst({ where: eq(orgs.id, principal.orgId) })
    : undefined;
  const expert = principal.expertId ? toOwnExpertView(await getExpert(db, principal.expertId)) : null;
  return c.json(
    {
      user: toUserView(user),
      org: org ? { id: org.id, name: org.name } : null,
      expert,
      via_api_key: principal.apiKeyId !== null,
    },
    200,
  );
}

export const meRoutes = createRouter()
  .openapi(route, (c) => me(c))
  .openapi(updateRoute, async (c) => {
    const { db, principal } = c.var;
    // No scope declared: people only (an API key acts for its company, not as the person who made it).
    const change = c.req.valid('json');
    await db
      .update(users)
      .set({
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.locale !== undefined ? { locale: change.locale } : {}),
      })
      .where(eq(users.id, principal.userId));
    return me(c);
  });
