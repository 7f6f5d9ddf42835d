// Request and response shapes of sign-up and login.
import { z } from '@hono/zod-openapi';
import { rateSchema } from '../experts/schema';

const email = z
  .email()
  .max(254)
  .transform((v) => v.toLowerCase())
  .openapi({ example: 'ops@acme.test' });
const password = z.string().min(10).max(200).openapi({ example: 'demo-password' });
const name = z.string().trim().min(1).max(120);
/** The language of the dashboard and of the emails a person gets. */
export const localeSchema = z
  .enum(['en', 'de'])
  .openapi({ description: 'Language: en or de', example: 'de' });

const companySignup = z.object({
  type: z.literal('company'),
  company_name: name.openapi({ example: 'Acme GmbH' }),
  name: name.openapi({ example: 'Olivia Ops' }),
  email,
  password,
  locale: localeSchema.optional(),
});

const expertSignup = z.object({
  type: z.literal('expert'),
  name: name.openapi({ example: 'Anna Berger' }),
  email,
  password,
  locale: localeSchema.optional(),
  headline: z.string().max(200).optional(),
  skills: z.array(z.string().trim().min(1).max(60)).max(50).optional(),
  modules: z
    .array(z.string().regex(/^[A-Z][A-Z0-9_]{1,31}$/))
    .max(20)
    .optional(),
  rate: rateSchema.optional(),
  max_clients: z.number().int().min(1).max(100).optional(),
});

export const signupSchema = z
  .discriminatedUnion('type', [companySignup, expertSignup])
  .openapi('SignupRequest');
export type SignupInput = z.infer<typeof signupSchema>;

export const loginSchema = z.object({ email, password: z.string().min(1).max(200) }).openapi('LoginRequest');
export type LoginInput = z.infer<typeof loginSchema>;

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(['company', 'expert', 'admin']),
    org_id: z.string().nullable(),
    expert_id: z.string().nullable(),
    locale: localeSchema,
  })
  .openapi('User');

export const updateMeSchema = z
  .object({ name: name.optional(), locale: localeSchema.optional() })
  .refine(
    (value) => value.name !== undefined || value.locale !== undefined,
    'Nothing to change: send name or locale',
  )
  .openapi('UpdateMeRequest');

export const sessionSchema = z
  .object({ token: z.string(), expires_in: z.number().int(), user: userSchema })
  .openapi('Session');
