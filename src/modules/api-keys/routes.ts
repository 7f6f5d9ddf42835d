// /v1/api-keys: company members manage their organisation's machine keys.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../env';
import { idempotent } from '../../lib/idempotency';
import {
  bearerSecurity,
  createRouter,
  errorResponses,
  idParam,
  jsonBody,
  jsonResponse,
} from '../../lib/openapi';
import { listQuerySchema, pageSchema } from '../../lib/pagination';
import { requireRole, requireUserSession } from '../auth/middleware';
import { SCOPES } from './scopes';
import { createApiKey, listApiKeys, revokeApiKey } from './service';

const tags = ['API keys'];
const security = bearerSecurity;
const companyUser = [requireRole('company'), requireUserSession];

const apiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ description: 'First characters of the key, to recognise it' }),
    scopes: z.array(z.string()).openapi({ description: 'What the key may do; "*" is everything' }),
    expires_at: z.string().nullable(),
    created_at: z.string(),
    last_used_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
  })
  .openapi('ApiKey');

const createdKeySchema = apiKeySchema
  .extend({ key: z.string().openapi({ description: 'Shown once; only a hash is stored' }) })
  .openapi('CreatedApiKey');

const createKeySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z
      .array(z.enum(['*', ...SCOPES]))
      .min(1)
      .max(SCOPES.length + 1)
      .default(['*'])
      .transform((scopes) => [...new Set(scopes)])
      .openapi({
        description: `What the key may do: ${SCOPES.join(', ')}, or "*" for everything (the default)`,
        example: ['tasks:read', 'tasks:write', 'files:write'],
      }),
    expires_at: z.iso
      .datetime({ offset: true })
      .refine((at) => Date.parse(at) > Date.now(), 'Must be in the future')
      .transform((at) => new Date(at).toISOString())
      .optional()
      .openapi({ description: 'The key stops working then; omitted: until revoked' }),
  })
  .openapi('CreateApiKey');

const createRouteDef = createRoute({
  method: 'post',
  path: '/',
  tags,
  security,
  summary: 'Create an API key (shown once)',
  // The secret is shown once: a replay returns the key's record without it, and it is never stored.
  middleware: [...companyUser, idempotent({ redact: ({ key: _secret, ...record }) => record })],
  request: { body: jsonBody(createKeySchema) },
  responses: {
    201: jsonResponse('Created', createdKeySchema),
    ...errorResponses(400, 401, 403, 409, 415, 422),
  },
});

const listRouteDef = createRoute({
  method: 'get',
  path: '/',
  tags,
  security,
  summary: "Your organisation's API keys (without secrets)",
  middleware: [...companyUser],
  request: { query: listQuerySchema },
  responses: {
    200: jsonResponse('A page of keys', pageSchema(apiKeySchema)),
    ...errorResponses(401, 403, 422),
  },
});

const revokeRouteDef = createRoute({
  method: 'delete',
  path: '/{id}',
  tags,
  security,
  summary: 'Revoke a key; requests with it are refused from now on',
  middleware: [...companyUser],
  request: { params: idParam('key') },
  responses: { 200: jsonResponse('Revoked', apiKeySchema), ...errorResponses(401, 403, 404) },
});

const orgOf = (c: Context<AppEnv>) => c.var.principal.orgId ?? '';

export const apiKeyRoutes = createRouter()
  .openapi(createRouteDef, async (c) => {
    const principal = { ...c.var.principal, orgId: orgOf(c) };
    return c.json(await createApiKey(c.var.db, principal, c.req.valid('json')), 201);
  })
  .openapi(listRouteDef, async (c) =>
    c.json(await listApiKeys(c.var.db, orgOf(c), c.req.valid('query')), 200),
  )
  .openapi(revokeRouteDef, async (c) =>
    c.json(await revokeApiKey(c.var.db, orgOf(c), c.req.valid('param').id), 200),
  );
