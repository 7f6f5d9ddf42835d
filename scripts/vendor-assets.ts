// Copies browser bundles we serve ourselves from node_modules into the static assets, so nothing reaches a
// CDN: the API docs renderer for /docs, and PDF.js (unpdf's build, worker inlined) for the review page's
// document viewer. The copies are build output and are not committed.
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const copies = [
  ['node_modules/@scalar/api-reference/dist/browser/standalone.js', 'web/public/vendor/scalar.js'],
  ['node_modules/unpdf/dist/pdfjs.mjs', 'web/public/vendor/pdfjs.mjs'],
] as const;

for (const [from, to] of copies) {
  const source = path.join(root, from);
  const target = path.join(root, to);
  if (existsSync(target) && statSync(target).size === statSync(source).size) continue;
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(source, target);
  console.log(`vendored ${to}`);
}
