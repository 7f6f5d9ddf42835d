// Tests run inside workerd with the real local bindings declared in wrangler.toml.
import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// Every test file gets a fresh workerd runtime that loads the whole Worker: bundling the libraries it imports
// into a few files once (Vite's dependency optimizer) halves that per-file load (about 6 s to 3 s here).
// List each entry the Worker or the tests import; a missing one still works, only unbundled.
const PREBUNDLED = [
  '@hono/zod-openapi',
  '@modelcontextprotocol/sdk/client/index.js',
  '@modelcontextprotocol/sdk/client/streamableHttp.js',
  '@modelcontextprotocol/sdk/server/index.js',
  '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js',
  '@modelcontextprotocol/sdk/types.js',
  '@modelcontextprotocol/sdk/validation/cfworker',
  '@pdf-lib/standard-fonts',
  '@scalar/hono-api-reference',
  'drizzle-orm',
  'drizzle-orm/batch',
  'drizzle-orm/d1',
  'drizzle-orm/sqlite-core',
  'fast-check',
  'fast-xml-parser',
  'hono',
  'hono/body-limit',
  'hono/http-exception',
  'hono/jwt',
  'hono/request-id',
  'hono/streaming',
  'hono/utils/http-status',
  'libphonenumber-js/max',
  'normalize-url',
  'papaparse',
  'pdf-lib',
  'resend',
  'robots-parser',
  'standardwebhooks',
  'stripe',
  'svix',
  'tldts',
  'unpdf',
  'zod',
];

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, 'migrations'));
  return {
    // The pre-bundles live in the checkout, not in node_modules: worktrees sharing one node_modules would
    // otherwise rebuild each other's bundles mid-run.
    cacheDir: '.cache/vite',
    plugins: [
      cloudflareTest({
        main: './src/index.ts',
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            // Fixed here so a developer's .dev.vars never changes what the tests exercise.
            JWT_SECRET: 'test-secret-that-is-at-least-32-characters-long',
            // The embedded payment and email providers stand in for Stripe and Resend, as in `bun run dev`.
            ENVIRONMENT: 'development',
            STRIPE_SECRET_KEY: '',
            // A fixed test secret, so webhook tests can sign with Stripe's own signer.
            STRIPE_WEBHOOK_SECRET: 'whsec_test_stripe_webhook_secret_for_tests',
            RESEND_API_KEY: '',
            // A fixed test secret, so webhook tests can sign with Svix's own signer.
            RESEND_WEBHOOK_SECRET: 'whsec_dGVzdC1yZXNlbmQtd2ViaG9vay1zZWNyZXQtMzItYnl0ZXM=',
            BREAKER_COOLDOWN_SECONDS: '60',
            // No local receiver is exempt from the SSRF rules in tests, whatever .dev.vars says.
            WEBHOOK_ALLOWED_HOSTS: '',
            APP_URL: 'http://engage.test',
            // Companies signed up by tests start with plenty of credits, so only the credits tests (which
            // set their own) meet a 402.
            CREDITS_SIGNUP_GRANT: '1000000',
          },
        },
      }),
    ],
    test: {
      include: ['tests/**/*.test.ts'],
      exclude: ['tests/e2e/**'],
      setupFiles: ['./tests/setup.ts'],
      silent: 'passed-only',
      deps: { optimizer: { ssr: { enabled: true, include: PREBUNDLED } } },
      // Two test files at a time: each waits on its own runtime much of the time, so two fit on two cores.
      maxWorkers: 2,
      // Some flows (a payout run, a credits race, the login timing check) take seconds of real work; on two
      // busy cores vitest's 5 s default failed them for load, not for behaviour.
      testTimeout: 20_000,
    },
  };
});
