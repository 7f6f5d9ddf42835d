// Browser tests: real headless Chromium (Debian `chromium`, driven by playwright-core) against a fresh
// `bun run dev` — the same start a newcomer uses — in its own local state directory. Run by `bun run test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['./tests/e2e/support/global-setup.ts'],
    // One dev server and one browser; the flows share its data, so files run one after another.
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
