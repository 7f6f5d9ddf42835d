// `bun run dev`: everything a newcomer needs, in order — dependencies, .dev.vars, static assets, local
// migrations, demo data — then `wrangler dev` with every binding local, and the demo logins once it answers.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_PASSWORD, demoUsers } from './demo-data';
import { writeDemoDocuments } from './demo-documents';
import { demoSiteHosts, startDemoSites } from './demo-sites';
import { seedLocal } from './seed';

const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? 8787);
// Where local D1/R2/DO/queue state lives; the browser tests point this at a fresh directory per run.
const stateDir = process.env.ENGAGE_STATE_DIR;
const persist = stateDir ? ['--persist-to', stateDir] : [];
// A second dev server (benchmarks) needs an inspector port of its own beside the default 9229.
const inspector = process.env.ENGAGE_INSPECTOR_PORT
  ? ['--inspector-port', process.env.ENGAGE_INSPECTOR_PORT]
  : [];

// No request leaves the machine on its own: `request.cf` comes from Miniflare's built-in sample instead of
// workers.cloudflare.com (offline that fetch only printed a stack trace), and wrangler sends no telemetry.
const LOCAL_ENV = { CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' };
// wrangler's inspector proxy (its InspectorProxyWorker) keeps every message of the Worker's runtime — each log line,
// each outgoing fetch — until a DevTools client connects, without a bound: under the task benchmark its isolate
// reached V8's 1.4 GB heap limit after about 30,000 tasks and aborted, and the dev port stopped answering. wrangler
// has no switch for it but leaves it out in VS Code's debug terminal, which it recognises by VSCODE_INSPECTOR_OPTIONS
// (without VS Code's bootloader in NODE_OPTIONS nothing else reads it). So it is off unless asked for: set
// ENGAGE_INSPECTOR_PORT to attach DevTools (bench:memory does). Logs and errors print as before.
const WITHOUT_INSPECTOR_PROXY = { VSCODE_INSPECTOR_OPTIONS: '{}' };

function run(step: string, command: string, args: string[]) {
  console.log(`\n▶ ${step}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...LOCAL_ENV, CI: 'true' },
  });
  if (result.status !== 0) {
    console.error(`✖ ${step} failed`);
    process.exit(result.status ?? 1);
  }
}

/** Runs a step whose output only matters when it fails; on success prints `summary(output)` instead. */
function runQuietly(step: string, command: string, args: string[], summary: (output: string) => string) {
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...LOCAL_ENV, CI: 'true' },
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) {
    console.error(`\n✖ ${step} failed:\n${output}`);
    process.exit(result.status ?? 1);
  }
  console.log(`\n▶ ${step}: ${summary(output)}`);
}

/** wrangler says "About to apply N migration(s)", or nothing of the kind when the database is current. */
const migrationsSummary = (output: string) => {
  const applied = /About to apply (\d+) migration/.exec(output)?.[1];
  return applied ? `${applied} applied` : 'up to date';
};

function ensureDevVars() {
  const target = path.join(root, '.dev.vars');
  if (!existsSync(target)) {
    const secret = Buffer.from(crypto.getRandomValues(new Uint8Array(48))).toString('base64url');
    const example = readFileSync(path.join(root, '.dev.vars.example'), 'utf8');
    writeFileSync(target, example.replace(/^JWT_SECRET=.*$/m, `JWT_SECRET=${secret}`));
    console.log('▶ created .dev.vars with a fresh JWT_SECRET');
  }
  let vars = readFileSync(target, 'utf8');
  // The demo sites live on loopback, which the crawler refuses unless listed (older .dev.vars lack the line).
  if (!/^EXTRACTION_ALLOWED_HOSTS=/m.test(vars)) {
    vars = `${vars.trimEnd()}\n\n# Loopback sites the crawler may fetch (the local demo sites).\nEXTRACTION_ALLOWED_HOSTS=${demoSiteHosts().join(',')}\n`;
    writeFileSync(target, vars);
  }
  // Local webhook receivers an endpoint may point at (older .dev.vars lack the line).
  if (!/^WEBHOOK_ALLOWED_HOSTS=/m.test(vars)) {
    vars = `${vars.trimEnd()}\n\n# Local webhook receivers (host:port) endpoints may point at despite the SSRF rules.\nWEBHOOK_ALLOWED_HOSTS=localhost:8792,127.0.0.1:8792\n`;
    writeFileSync(target, vars);
  }
  // The embedded payment and email providers run only in development (older .dev.vars lack the line).
  if (!/^ENVIRONMENT=/m.test(vars)) {
    vars = `${vars.trimEnd()}\n\n# Local development: the embedded payment and email providers may run.\nENVIRONMENT=development\n`;
    writeFileSync(target, vars);
  }
  const jwt = /^JWT_SECRET=(.*)$/m.exec(vars)?.[1]?.trim() ?? '';
  if (jwt.length < 32) {
    console.error('✖ JWT_SECRET in .dev.vars is missing or shorter than 32 characters');
    process.exit(1);
  }
}

async function waitForHealth(timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://localhost:${port}/health`);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

if (!existsSync(path.join(root, 'node_modules', '.bin', 'wrangler'))) {
  run('installing dependencies', 'bun', ['install', '--frozen-lockfile']);
}
ensureDevVars();
run('building the dashboard', 'bun', ['run', 'web:build']);
runQuietly(
  'migrations of local D1',
  'bunx',
  ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', ...persist],
  migrationsSummary,
);
console.log('\n▶ seeding demo data');
await seedLocal(root, persist);
const documents = await writeDemoDocuments(root);
console.log(`▶ wrote ${documents.length} demo invoices and RFPs to demo/`);

const demoSites = startDemoSites();

console.log(`\n▶ starting wrangler dev on http://localhost:${port}`);
const wrangler = spawn(
  'bunx',
  ['wrangler', 'dev', '--port', String(port), '--test-scheduled', ...persist, ...inspector],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...LOCAL_ENV, ...(inspector.length ? {} : WITHOUT_INSPECTOR_PROXY) },
  },
);
// Edits under web/ rebuild web/dist, which wrangler serves as it changes: reload the browser to see them.
const dashboard = spawn(
  'bunx',
  ['vite', 'build', '--config', 'web/vite.config.ts', '--watch', '--logLevel', 'warn'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    dashboard.kill(signal);
    wrangler.kill(signal);
  });
wrangler.on('exit', (code) => {
  dashboard.kill();
  process.exit(code ?? 0);
});

if (await waitForHealth(120_000)) {
  const width = Math.max(...demoUsers.map((u) => u.email.length));
  console.log(`\n✔ Engage is running at http://localhost:${port}  (API docs: http://localhost:${port}/docs)`);
  console.log(`  Dashboard: http://localhost:${port} — sign in with any login below`);
  console.log(`  Demo logins (password "${DEMO_PASSWORD}"):`);
  for (const user of demoUsers)
    console.log(`    ${user.email.padEnd(width)}  ${user.role.padEnd(7)}  ${user.name}`);
  console.log(`  Demo documents to upload as tasks: demo/ (see README, "Try a task")`);
  console.log(`  Demo company websites to mine (see README, "Try an extraction"):`);
  for (const site of demoSites) console.log(`    ${site.url}  ${site.name}`);
  console.log(`  Trigger a cron: curl "http://localhost:${port}/__scheduled?cron=*/5+*+*+*+*"\n`);
  // wrangler dev fires no cron by itself: run the five-minute sweep and the daily billing as production does
  // (at once too, so the seeded engagements' billing is current and nothing left behind waits).
  const cron = (schedule: string) =>
    fetch(`http://localhost:${port}/__scheduled?cron=${schedule.replaceAll(' ', '+')}`).catch(
      () => undefined,
    );
  void cron('0 6 * * *').then(() => cron('*/5 * * * *'));
  setInterval(() => void cron('*/5 * * * *'), 5 * 60_000).unref();
  setInterval(() => void cron('0 6 * * *'), 24 * 3600_000).unref();
} else {
  console.error('✖ wrangler dev did not answer /health within 2 minutes');
}
