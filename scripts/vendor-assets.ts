// Copies browser bundles we serve ourselves (the API docs renderer) from node_modules into the static assets,
// so /docs works without reaching a CDN. The copies are build output and are not committed.
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const copies = [
  ['node_modules/@scalar/api-reference/dist/browser/standalone.js', 'web/public/vendor/scalar.js'],
] as const;

for (const [from, to] of copies) {
  const source = path.join(root, from);
  const target = path.join(root, to);
  if (existsSync(target) && statSync(target).size === statSync(source).size) continue;
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(source, target);
  console.log(`vendored ${to}`);
}
