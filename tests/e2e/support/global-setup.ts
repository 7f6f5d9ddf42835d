// Starts `bun run dev` on its own port with a fresh state directory (migrations, demo seed, demo sites —
// exactly a newcomer's start), or uses E2E_BASE_URL when one is already running, and checks Chromium.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { CHROMIUM } from './browser';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const root = path.resolve(import.meta.dirname, '../../..');
const PORT = Number(process.env.E2E_PORT ?? 8788);
const START_TIMEOUT_MS = 240_000;

export default async function setup(project: TestProject) {
  ensureChromium();
  const given = process.env.E2E_BASE_URL;
  if (given) {
    project.provide('baseUrl', given.replace(/\/$/, ''));
    return;
  }
  const stateDir = mkdtempSync(path.join(tmpdir(), 'engage-e2e-'));
  const server = spawn('bun', ['scripts/dev.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(PORT), ENGAGE_STATE_DIR: stateDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so teardown stops wrangler and workerd too
  });
  const output: string[] = [];
  server.stdout?.on('data', (chunk) => output.push(String(chunk)));
  server.stderr?.on('data', (chunk) => output.push(String(chunk)));
  const baseUrl = `http://localhost:${PORT}`;
  try {
    await waitUntilReady(server, output);
  } catch (error) {
    stop(server);
    console.error(output.join('').slice(-6000));
    throw error;
  }
  project.provide('baseUrl', baseUrl);
  return () => {
    stop(server);
    rmSync(stateDir, { recursive: true, force: true });
  };
}

/** Ready once dev.ts printed the demo logins: migrations, seed and the Worker are all up by then. */
async function waitUntilReady(server: ChildProcess, output: string[]) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`bun run dev exited with ${server.exitCode}`);
    if (output.join('').includes('Demo logins')) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`bun run dev was not ready within ${START_TIMEOUT_MS / 1000} s`);
}

function stop(server: ChildProcess) {
  if (server.pid === undefined || server.exitCode !== null) return;
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** The Debian package is what the tests drive; install it when we may (CI runs as root), else say how. */
function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const asRoot = process.getuid?.() === 0;
  const apt = (args: string[]) =>
    spawnSync(asRoot ? 'apt-get' : 'sudo', asRoot ? args : ['-n', 'apt-get', ...args], { stdio: 'inherit' });
  if (apt(['update']).status === 0) apt(['install', '-y', '--no-install-recommends', 'chromium']);
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing and could not be installed: run \`sudo apt-get install chromium\``,
    );
  }
}
