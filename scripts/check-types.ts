// Fails when the committed `Env` types (worker-configuration.d.ts) drift from wrangler.toml, or the
// dashboard's API types (packages/client/src/schema.d.ts) from the Worker's OpenAPI document.
// `wrangler types --check` cannot be used: it ignores --env-file, so on a clone without .dev.vars it
// would forget the secrets and always report drift. Instead regenerate in place and compare.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { apiTypesAreCurrent } from './api-types';

const root = path.resolve(import.meta.dirname, '..');
const file = path.join(root, 'worker-configuration.d.ts');
const committed = readFileSync(file, 'utf8');
const result = spawnSync(
  'bunx',
  ['wrangler', 'types', '--strict-vars=false', '--env-file', '.dev.vars.example'],
  { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
);
const generated = readFileSync(file, 'utf8');
if (result.status !== 0 || generated !== committed) {
  writeFileSync(file, committed);
  console.error(
    '✖ worker-configuration.d.ts is out of date with wrangler.toml: run `bun run types` and commit it',
  );
  process.exit(1);
}
console.log('✔ worker-configuration.d.ts matches wrangler.toml');

if (!(await apiTypesAreCurrent())) {
  console.error(
    '✖ packages/client/src/schema.d.ts is out of date with the API: run `bun run api:types` and commit it',
  );
  process.exit(1);
}
console.log('✔ packages/client/src/schema.d.ts matches GET /v1/openapi.json');
