// One round of task load against a running dev server: create `total` tasks on the demo's Acme–Anna
// engagement (100 per request, or one per request 25 at a time), wait until none is queued or in progress,
// then check every one reached a terminal state. Shared by bench:tasks and bench:metrics.
export const DEMO_ENGAGEMENT = `eng_${'ACMEANNA'.padStart(26, '0')}`;
const TERMINAL = new Set(['completed', 'needs_review', 'failed']);
const CONCURRENCY = 25;

/**
 * A read, sent again once when wrangler dev's local proxy resets the connection under load (ECONNRESET): reads are
 * safe to repeat, and the reset is the local tool's, not the Worker's answer.
 */
async function read(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    await Bun.sleep(200);
    return fetch(url, init);
  }
}
const BATCH = 100;

const invoice = (n: number) => `ACME Supplies GmbH
Musterstraße 1, 10115 Berlin
USt-IdNr.: DE123456789

Rechnung an: Acme GmbH, Hauptstraße 5, 80331 München

Rechnungsnummer: BENCH-${n}
Rechnungsdatum: 03.11.2026
Leistungsdatum: 31.10.2026

Pos. Beschreibung Menge Einzelpreis Betrag
1 Beratung 10 100,00 1.000,00 EUR

Nettobetrag: 1.000,00 EUR
USt. 19 %: 190,00 EUR
Gesamtbetrag: 1.190,00 EUR

IBAN: DE89 3704 0044 0532 0130 00
`;

/** A demo user's session token (`bun run dev` seeds them with the demo password). */
export async function login(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo-password' }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status} (is bun run dev running?)`);
  return ((await response.json()) as { token: string }).token;
}

export interface LoadResult {
  /** From the first create until every task is terminal. */
  seconds: number;
  createSeconds: number;
  counts: Record<string, number>;
  lost: number;
}

export async function runTaskLoad(options: {
  base: string;
  token: string;
  total: number;
  mode: 'single' | 'batch';
  /** Makes every task's text unique across rounds. */
  offset?: number;
}): Promise<LoadResult> {
  const { base, total, mode, offset = 0 } = options;
  const headers = { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' };
  const body = (n: number) => ({
    title: `Invoice ${n}`,
    module: 'CTAX',
    type: 'process_invoice',
    input: { text: invoice(offset + n) },
  });
  const ids: string[] = [];
  const started = performance.now();
  if (mode === 'batch') {
    for (let next = 0; next < total; next += BATCH) {
      const tasks = Array.from({ length: Math.min(BATCH, total - next) }, (_, i) => body(next + i));
      const response = await fetch(`${base}/v1/engagements/${DEMO_ENGAGEMENT}/tasks/batch`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ tasks }),
      });
      if (response.status !== 202)
        throw new Error(`create failed: ${response.status} ${await response.text()}`);
      ids.push(...((await response.json()) as { data: { id: string }[] }).data.map((t) => t.id));
    }
  } else {
    for (let next = 0; next < total; ) {
      const wave = Array.from({ length: Math.min(CONCURRENCY, total - next) }, (_, i) => next + i);
      next += wave.length;
      const created = await Promise.all(
        wave.map(async (n) => {
          const response = await fetch(`${base}/v1/engagements/${DEMO_ENGAGEMENT}/tasks`, {
            method: 'POST',
            headers,
            body: JSON.stringify(body(n)),
          });
          if (response.status !== 202)
            throw new Error(`create failed: ${response.status} ${await response.text()}`);
          return ((await response.json()) as { id: string }).id;
        }),
      );
      ids.push(...created);
    }
  }
  const createdAt = performance.now();

  // Cheap polling while work runs (is anything of this engagement still queued or in progress?), so the
  // measurement does not load the machine it measures; then one full listing to check every task.
  const busy = async (status: string) => {
    const page = (await (
      await read(`${base}/v1/engagements/${DEMO_ENGAGEMENT}/tasks?limit=1&status=${status}`, { headers })
    ).json()) as { data: unknown[] };
    return page.data.length > 0;
  };
  while (performance.now() - started < 600_000 && ((await busy('queued')) || (await busy('in_progress')))) {
    await Bun.sleep(100);
  }
  const finished = performance.now();
  const pending = new Set(ids);
  const counts: Record<string, number> = {};
  let cursor: string | null = null;
  do {
    const page = (await (
      await read(
        `${base}/v1/engagements/${DEMO_ENGAGEMENT}/tasks?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        { headers },
      )
    ).json()) as { data: { id: string; status: string }[]; next_cursor: string | null };
    for (const task of page.data) {
      if (pending.has(task.id) && TERMINAL.has(task.status)) {
        pending.delete(task.id);
        counts[task.status] = (counts[task.status] ?? 0) + 1;
      }
    }
    cursor = page.next_cursor;
  } while (cursor);
  return {
    seconds: (finished - started) / 1000,
    createSeconds: (createdAt - started) / 1000,
    counts,
    lost: pending.size,
  };
}
