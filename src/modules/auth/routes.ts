// /v1/auth: sign-up and login (no authentication; rate limited).
import { createRoute } from '@hono/zod-openapi';
import { loadConfig } from '../../config';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi';
import { clientAddress, enforceRateLimit } from '../../lib/rate-limit';
import { loginSchema, sessionSchema, signupSchema } from './schema';
import { login, signup } from './service';

const signupRoute = createRoute({
  method: 'post',
  path: '/signup',
  tags: ['Auth'],
  summary: 'Create a company (with its first member) or an expert, and sign in',
  request: { body: jsonBody(signupSchema) },
  responses: {
    201: jsonResponse('Signed up', sessionSchema),
    ...errorResponses(400, 409, 415, 422, 429),
  },
});

const loginRoute = createRoute({
  method: 'post',
  path: '/login',
  tags: ['Auth'],
  summary: 'Exchange email and password for a 1-hour token',
  request: { body: jsonBody(loginSchema) },
  responses: {
    200: jsonResponse('Signed in', sessionSchema),
    ...errorResponses(400, 401, 415, 422, 429),
  },
});

export const authRoutes = createRouter()
  .openapi(signupRoute, async (c) => {
    await enforceRateLimit(c.env.SIGNUP_LIMITER, `signup:${clientAddress(c.req.raw.headers)}`, 60);
    const config = loadConfig(c.env);
    const result = await signup(
      c.var.db,
      config.JWT_SECRET,
      c.req.valid('json'),
      config.CREDITS_SIGNUP_GRANT,
    );
    return c.json(result, 201);
  })
  .openapi(loginRoute, async (c) => {
    const { JWT_SECRET } = loadConfig(c.env);
    return c.json(
      await login(c.var.db, JWT_SECRET, c.req.valid('json'), clientAddress(c.req.raw.headers)),
      200,
    );
  });
