// A private `wrangler dev` for a benchmark: its own port and a fresh state directory (migrations applied),
// so a bench neither needs nor disturbs the developer's `bun run dev`. Local only: no account, no network.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const LOCAL = {
  ...process.env,
  CI: 'true',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
  // No inspector proxy: it keeps every log line of the Worker until DevTools connects (scripts/dev.ts says why).
  VSCODE_INSPECTOR_OPTIONS: '{}',
};

export interface DevServer {
  base: string;
  state: string;
  /** Runs `wrangler <args>` against this server's state (d1 execute …). */
  wrangler(args: string[]): string;
  /** Executes SQL statements (a file, so any size) on the local D1. */
  execute(sql: string[]): void;
  /** Starts the Worker with these vars; resolves once /health answers. Returns its stdout lines as they come. */
  start(vars: Record<string, string>, onLine?: (line: string) => void): Promise<ChildProcess>;
}

export function devServer(name: string, port: number, inspectorPort: number): DevServer {
  const state = mkdtempSync(path.join(tmpdir(), `engage-${name}-`));
  const persist = ['--persist-to', state];
  const base = `http://localhost:${port}`;
  const wrangler = (args: string[]) => {
    const result = spawnSync('bunx', ['wrangler', ...args, ...persist], {
      cwd: ROOT,
      env: LOCAL,
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`wrangler ${args.join(' ')} failed:\n${result.stderr}`);
    return result.stdout;
  };
  wrangler(['d1', 'migrations', 'apply', 'DB', '--local']);
  let files = 0;
  return {
    base,
    state,
    wrangler,
    execute(sql) {
      const file = path.join(state, `seed-${files++}.sql`);
      writeFileSync(file, sql.join('\n'));
      wrangler(['d1', 'execute', 'DB', '--local', '--file', file]);
    },
    async start(vars, onLine) {
      const args = ['wrangler', 'dev', '--port', String(port), '--inspector-port', String(inspectorPort)];
      for (const [key, value] of Object.entries({ ENVIRONMENT: 'development', ...vars }))
        args.push('--var', `${key}:${value}`);
      const dev = spawn('bunx', [...args, ...persist], {
        cwd: ROOT,
        env: LOCAL,
        stdio: ['ignore', 'pipe', 'inherit'],
        detached: true,
      });
      const stop = () => {
        try {
          process.kill(-(dev.pid ?? 0), 'SIGKILL'); // wrangler's workerd ignores SIGTERM
        } catch {
          // already gone
        }
        // wrangler starts workerd in a process group of its own
        spawnSync('pkill', ['-9', '-f', `entry=localhost:${port}`]);
      };
      process.on('exit', stop);
      // A bench that throws must not leave its Worker holding the port for the next run.
      for (const signal of ['uncaughtException', 'unhandledRejection', 'SIGINT', 'SIGTERM'] as const)
        process.on(signal as 'SIGINT', (error?: unknown) => {
          if (error instanceof Error) console.error(error);
          stop();
          process.exit(1);
        });
      let buffer = '';
      dev.stdout?.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          // DEV_LOG=<file> keeps every line the Worker printed, to read after a run that went wrong.
          if (process.env.DEV_LOG) appendFileSync(process.env.DEV_LOG, `${line}\n`);
          onLine?.(line);
        }
      });
      for (let i = 0; ; i++) {
        if (i > 240) throw new Error('wrangler dev did not start');
        const up = await fetch(`${base}/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (up) return dev;
        await Bun.sleep(500);
      }
    },
  };
}
