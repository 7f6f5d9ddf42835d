// A company's memory of a site: its completed runs of one registrable domain merged per entity, and what a
// re-run changed (new, kept, gone) — through the API, the real queue and D1, the site served at fetch.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FixtureSite } from '../fixtures/sites/types';
import { call, expectProblem, json, signupCompany } from '../helpers';
import { installNetwork } from './network';

afterEach(() => vi.restoreAllMocks());

/** A small German site whose Impressum names `manager` and lists `emails`. */
function site(origin: string, manager: string, emails: string[]): FixtureSite {
  return {
    name: origin,
    origin,
    expected: [],
    pages: {
      '/': '<html lang="de"><body><h1>Willkommen</h1><a href="/impressum">Impressum</a></body></html>',
      '/impressum': `<html lang="de"><body><h1>Impressum</h1><p>Gedächtnis Handel GmbH<br>Hauptstraße 5<br>10115 Berlin</p>
        <p>Geschäftsführer: ${manager}</p><p>Telefon: 030 1234567</p>
        ${emails.map((e) => `<p>E-Mail: ${e}</p>`).join('')}
        <p>USt-IdNr.: DE123456789</p></body></html>`,
    },
  };
}

async function extract(token: string, url: string) {
  const created = await json(await call('/v1/extractions', { token, json: { url } }));
  const deadline = Date.now() + 10_000;
  for (;;) {
    const run = await json(await call(`/v1/extractions/${created.id}`, { token }));
    if (run.status === 'completed') return run;
    if (run.status === 'failed' || Date.now() > deadline) throw new Error(`extraction ${run.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type Remembered = { type: string; value: string; change: string; runs: number; first_seen_at: string };
const find = (entities: Remembered[], type: string, value: string) =>
  entities.find((e) => e.type === type && e.value === value);

describe('GET /v1/extractions/:id/memory', () => {
  it('merges the runs of one site and tells what a re-run found new, kept and no longer found', async () => {
    const company = await signupCompany();
    installNetwork([
      site('https://www.gedaechtnis.de', 'Anna Alt', ['info@gedaechtnis.de', 'alt@gedaechtnis.de']),
    ]);
    const first = await extract(company.token, 'https://www.gedaechtnis.de');
    const before = await json(await call(`/v1/extractions/${first.id}/memory`, { token: company.token }));
    expect(before).toMatchObject({ site: 'gedaechtnis.de', runs: 1, previous_extraction_id: null });
    expect(before.entities.every((e: Remembered) => e.change === 'new' && e.runs === 1)).toBe(true);

    // The site changed: a new manager and address, one address dropped. Another page of the same domain
    // (not the same URL, which would reuse the first result) is the same site.
    vi.restoreAllMocks();
    installNetwork([
      site('https://gedaechtnis.de', 'Bernd Neu', ['info@gedaechtnis.de', 'neu@gedaechtnis.de']),
    ]);
    const second = await extract(company.token, 'https://gedaechtnis.de');
    const memory = await json(await call(`/v1/extractions/${second.id}/memory`, { token: company.token }));
    expect(memory).toMatchObject({ site: 'gedaechtnis.de', runs: 2, previous_extraction_id: first.id });
    const entities = memory.entities as Remembered[];
    expect(find(entities, 'EMAIL', 'info@gedaechtnis.de')).toMatchObject({ change: 'kept', runs: 2 });
    expect(find(entities, 'EMAIL', 'neu@gedaechtnis.de')).toMatchObject({ change: 'new', runs: 1 });
    expect(find(entities, 'EMAIL', 'alt@gedaechtnis.de')).toMatchObject({ change: 'gone', runs: 1 });
    expect(find(entities, 'PERSON', 'Bernd Neu')?.change).toBe('new');
    expect(find(entities, 'PERSON', 'Anna Alt')?.change).toBe('gone');
    expect(find(entities, 'EMAIL', 'info@gedaechtnis.de')?.first_seen_at).toBe(first.completed_at);

    // Told against the first run, the second one does not exist yet.
    const asFirst = await json(await call(`/v1/extractions/${first.id}/memory`, { token: company.token }));
    expect(asFirst.runs).toBe(1);
    expect(find(asFirst.entities, 'EMAIL', 'neu@gedaechtnis.de')).toBeUndefined();
  });

  it("keeps each company's memory its own, and answers 409 before the run is done", async () => {
    const company = await signupCompany();
    const other = await signupCompany('Other GmbH');
    installNetwork([site('https://www.eigen.de', 'Clara Eigen', ['info@eigen.de'])]);
    const mine = await extract(company.token, 'https://www.eigen.de');
    const theirs = await extract(other.token, 'https://www.eigen.de');
    await expectProblem(await call(`/v1/extractions/${mine.id}/memory`, { token: other.token }), 404);
    const memory = await json(await call(`/v1/extractions/${theirs.id}/memory`, { token: other.token }));
    expect(memory).toMatchObject({ runs: 1, previous_extraction_id: null });

    vi.restoreAllMocks();
    const network = installNetwork([]);
    network.routes.set('https://www.slow.de/', () => new Promise<Response>(() => {}));
    const created = await json(
      await call('/v1/extractions', { token: company.token, json: { url: 'https://www.slow.de' } }),
    );
    await expectProblem(await call(`/v1/extractions/${created.id}/memory`, { token: company.token }), 409);
  });
});
