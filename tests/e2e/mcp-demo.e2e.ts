// The README's agent transcript comes from this test run: `bun run mcp:demo` (the SDK's own MCP client as Acme
// with a scoped key) against the test server uploads the demo Factur-X invoice, creates a task, subscribes to it
// and reads it again on each change notification until it completes. The output is saved beside the
// screenshots (tests/e2e/screenshots/mcp-agent-transcript.txt).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseUrl } from './support/browser';

const root = path.resolve(import.meta.dirname, '../..');

describe('an agent through the MCP server', () => {
  it('uploads the demo e-invoice, creates a task, is notified and reads its result', () => {
    const run = spawnSync('bun', ['scripts/mcp-agent-demo.ts'], {
      cwd: root,
      env: { ...process.env, ENGAGE_URL: baseUrl() },
      encoding: 'utf8',
      timeout: 120_000,
    });
    const transcript = run.stdout;
    mkdirSync(path.join(root, 'tests/e2e/screenshots'), { recursive: true });
    writeFileSync(path.join(root, 'tests/e2e/screenshots/mcp-agent-transcript.txt'), transcript);
    expect(run.status, run.stderr).toBe(0);
    expect(transcript).toContain('→ tools/list');
    const tools = transcript
      .split('\n')
      .find((line) => line.startsWith('← ') && line.includes('create_task'));
    for (const tool of ['upload_file', 'create_task', 'get_task', 'review_task', 'start_extraction'])
      expect(tools).toContain(tool);
    expect(transcript).toContain('→ tools/call upload_file');
    expect(transcript).toContain('→ resources/subscribe engage://tasks/');
    expect(transcript).toContain('← notifications/resources/updated engage://tasks/');
    // Completed at once from its XML — unless an earlier test of the run booked the same demo invoice: then
    // it waits for a person for that one reason only.
    const result = transcript.trim().split('\n').at(-1) ?? '';
    expect(result).toMatch(/"model_used":"xml:factur-x\//);
    expect(result).toMatch(
      /"status":"completed","ai_confidence":100|"status":"needs_review".*"failed_checks":\["duplicate_invoice"\]\}$/,
    );
  }, 150_000);
});
