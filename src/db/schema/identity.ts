// Who uses Engage: organisations, experts, users, API keys, login attempts.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

/** Billing details printed on invoices and statements (all optional until the party fills them in). */
const billingColumns = () => ({
  legalName: text('legal_name'),
  addressLine1: text('address_line1'),
  addressLine2: text('address_line2'),
  postcode: text('postcode'),
  city: text('city'),
  /** ISO 3166-1 alpha-2, upper case. */
  countryCode: text('country_code'),
  vatId: text('vat_id'),
});

export const orgs = sqliteTable('orgs', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  ...billingColumns(),
  /** The company's Stripe Customer (the embedded provider's stand-in locally): created once, billed periods invoice it. */
  stripeCustomerId: text('stripe_customer_id'),
  createdAt: timestamp('created_at'),
});

export const experts = sqliteTable('experts', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  headline: text('headline').notNull().default(''),
  skills: text('skills', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  modules: text('modules', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  rateAmount: integer('rate_amount').notNull().default(0),
  rateCurrency: text('rate_currency').notNull().default('eur'),
  rateInterval: text('rate_interval', { enum: ['month', 'week'] })
    .notNull()
    .default('month'),
  maxClients: integer('max_clients').notNull().default(3),
  currentClients: integer('current_clients').notNull().default(0),
  stripeAccountId: text('stripe_account_id'),
  payoutsEnabled: integer('payouts_enabled', { mode: 'boolean' }).notNull().default(false),
  ...billingColumns(),
  /** German Steuernummer, for self-billing statements without a VAT ID. */
  taxNumber: text('tax_number'),
  /** Kleinunternehmer (§ 19 UStG): statements charge no VAT. */
  smallBusiness: integer('small_business', { mode: 'boolean' }).notNull().default(false),
  createdAt: timestamp('created_at'),
  updatedAt: timestamp('updated_at'),
});

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['company', 'expert', 'admin'] }).notNull(),
    orgId: text('org_id').references(() => orgs.id),
    expertId: text('expert_id').references(() => experts.id),
    createdAt: timestamp('created_at'),
    /** A disabled account signs in no more, and the tokens it holds stop working at once. */
    disabledAt: text('disabled_at'),
    /** The language of the dashboard and of every email to this person. */
    locale: text('locale', { enum: ['en', 'de'] })
      .notNull()
      .default('en'),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email)],
);

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    /** What the key may do (api-keys/scopes.ts); keys made before scopes existed hold every one. */
    scopes: text('scopes', { mode: 'json' }).$type<string[]>().notNull().default(sql`'["*"]'`),
    /** After this the key no longer authenticates; null: until revoked. */
    expiresAt: text('expires_at'),
    createdAt: timestamp('created_at'),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_hash_unique').on(t.keyHash), index('api_keys_org').on(t.orgId)],
);

/** Failed logins per client address and account, and per account alone, for the lockout that answers 429. */
export const loginFailures = sqliteTable('login_failures', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: integer('window_started_at').notNull(),
  /** Per-account back-off: no attempt is taken (or counted) before this time (ms). */
  lockedUntil: integer('locked_until'),
});

export type Org = typeof orgs.$inferSelect;
export type Expert = typeof experts.$inferSelect;
export type User = typeof users.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
