// Asserts that every SourceRef in an output names a real page and line whose text it quotes.
import { expect } from 'vitest';
import type { DocumentText, SourceRef } from '../../src/modules/ai/types';
import type { Fixture } from '../fixtures/ai';

function collect(value: unknown, path: string, out: [string, SourceRef][]): [string, SourceRef][] {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) collect(item, `${path}[${i}]`, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'source' && path === '') {
        for (const [field, ref] of Object.entries(item as Record<string, SourceRef>)) out.push([field, ref]);
      } else if (key === 'source') out.push([path, item as SourceRef]);
      else collect(item, path ? `${path}.${key}` : key, out);
    }
  }
  return out;
}

export function expectSourcesResolve(
  doc: DocumentText,
  output: unknown,
  pinned: Fixture<unknown>['sources'] = {},
): void {
  const refs = collect(output, '', []);
  expect(refs.length).toBeGreaterThan(0);
  for (const [field, ref] of refs) {
    expect(ref.page === null, `${field}: page only for PDFs`).toBe(doc.format !== 'pdf');
    const page = doc.pages[(ref.page ?? 1) - 1] ?? '';
    const line = page.split('\n')[(ref.line ?? 0) - 1];
    expect(line?.replace(/\s+/g, ' ').trim(), `${field} at ${ref.page}:${ref.line}`).toBe(ref.text);
  }
  const byField = new Map(refs);
  for (const [field, want] of Object.entries(pinned)) {
    const ref = byField.get(field);
    expect({ field, page: ref?.page, line: ref?.line }).toEqual({ field, page: want.page, line: want.line });
    expect(ref?.text).toContain(want.contains);
  }
}
