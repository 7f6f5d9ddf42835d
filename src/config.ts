// Configuration from vars and secrets, validated once per request; a missing secret fails loudly by name.
import { z } from '@hono/zod-openapi';

const optionalSecret = z
  .string()
  .optional()
  .transform((v) => (v ? v : undefined));

/** The placeholder in .dev.vars.example: long enough to pass the length check, so refused by name. */
const EXAMPLE_JWT_SECRET = 'change-me-to-a-long-random-string-of-32-chars-or-more';

/** "host:port, host:port" → normalised pairs, for the SSRF rules' local exemptions. */
const hostList = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  );

/** A JSON value in a string var (wrangler vars are strings), parsed and checked by `schema`. */
const jsonVar = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return fallback;
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

/**
 * What a task costs in AI credits, per module: `task` when it is created (covering `included_pages`), and
 * `page` for each page beyond them once the document is read.
 */
const creditPriceSchema = z.object({
  task: z.number().int().min(0),
  page: z.number().int().min(0).default(0),
  included_pages: z.number().int().min(0).default(0),
});
export type CreditPrice = z.infer<typeof creditPriceSchema>;

/** Credit packs a company can buy: credits for an amount in minor units. */
const creditPackSchema = z.object({
  credits: z.number().int().positive(),
  amount: z.number().int().min(50),
  currency: z.string().regex(/^[a-z]{3}$/),
});
export type CreditPack = z.infer<typeof creditPackSchema>;

const DEFAULT_CREDIT_PRICES = {
  CTAX: { task: 1, page: 1, included_pages: 3 },
  TENDER: { task: 5, page: 1, included_pages: 20 },
  LEADS: { task: 3, page: 0, included_pages: 0 },
};

const DEFAULT_CREDIT_PACKS = {
  starter: { credits: 100, amount: 4900, currency: 'eur' },
  team: { credits: 500, amount: 19900, currency: 'eur' },
  scale: { credits: 2500, amount: 79900, currency: 'eur' },
};

const configSchema = z.object({
  /**
   * `development` (set by `bun run dev` and the tests) lets the embedded payment and email providers stand in
   * for Stripe and Resend. Anything else is production: without their keys, payments and email refuse to run
   * rather than pretend (a test provider that "pays" would credit experts for money never collected).
   */
  ENVIRONMENT: z.enum(['development', 'production']).default('production'),
  JWT_SECRET: z
    .string({ error: 'JWT_SECRET is not set (wrangler secret put JWT_SECRET, or .dev.vars locally)' })
    .min(32, 'JWT_SECRET must be at least 32 characters')
    .refine((v) => v !== EXAMPLE_JWT_SECRET, 'JWT_SECRET is still the placeholder from .dev.vars.example'),
  STRIPE_SECRET_KEY: optionalSecret,
  STRIPE_WEBHOOK_SECRET: optionalSecret,
  RESEND_API_KEY: optionalSecret,
  RESEND_WEBHOOK_SECRET: optionalSecret,
  EMAIL_FROM: z.string().min(3).default('Engage <noreply@engage.test>'),
  APP_URL: z
    .url()
    .default('http://localhost:8787')
    .transform((u) => u.replace(/\/$/, '')),
  PLATFORM_FEE_BPS: z.coerce.number().int().min(0).max(10_000).default(2000),
  AI_PROVIDER: z.enum(['embedded', 'workers-ai']).default('embedded'),
  EXTRACTION_ALLOWED_HOSTS: hostList,
  /** Local webhook receivers (host:port) exempt from the private-address rule, as for extractions. */
  WEBHOOK_ALLOWED_HOSTS: hostList,
  /** Price table per module (JSON); a module not listed costs nothing. */
  CREDIT_PRICES: jsonVar(z.record(z.string(), creditPriceSchema), DEFAULT_CREDIT_PRICES),
  /** Packs for sale (JSON), by name. */
  CREDIT_PACKS: jsonVar(
    z.record(z.string().regex(/^[a-z0-9_-]{1,32}$/), creditPackSchema),
    DEFAULT_CREDIT_PACKS,
  ),
  /** Credits a new company starts with (a trial). */
  CREDITS_SIGNUP_GRANT: z.coerce.number().int().min(0).default(25),
  /** The task_latency_p95 alert fires above this many seconds from created to completed. */
  ALERT_TASK_P95_SECONDS: z.coerce.number().int().positive().default(300),
  /** Below this balance the dashboard warns. */
  CREDITS_LOW_BALANCE: z.coerce.number().int().min(0).default(20),
  /** The platform as printed on invoices and self-billing statements (documents/parties.ts). */
  PLATFORM_NAME: z.string().min(1).default('Engage Platform GmbH'),
  /** Address lines separated by ";" (street; postcode and city). */
  PLATFORM_ADDRESS: z
    .string()
    .default('Friedrichstraße 123; 10117 Berlin')
    .transform((v) =>
      v
        .split(';')
        .map((line) => line.trim())
        .filter(Boolean),
    ),
  PLATFORM_COUNTRY: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'ISO 3166-1 alpha-2, e.g. DE')
    .default('DE')
    .transform((v) => v.toUpperCase()),
  PLATFORM_VAT_ID: z.string().default('DE123456789'),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Parsed once per env object (the runtime reuses it across requests); many call sites, one parse. */
const parsedConfigs = new WeakMap<Env, Config>();

export function loadConfig(env: Env): Config {
  const cached = parsedConfigs.get(env);
  if (cached) return cached;
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  parsedConfigs.set(env, parsed.data);
  return parsed.data;
}
