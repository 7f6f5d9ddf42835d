// Task throughput against the running dev server (`bun run dev` first): creates N tasks on the demo's active
// Acme–Anna engagement — one request per task (`single`) or 100 per request (`batch`, POST …/tasks/batch) —
// then measures the time until every one is in a terminal state (completed, needs_review or failed), and
// checks none is lost. Usage: bun bench/tasks/run.ts [tasks=1000] [single|batch=batch] [base URL]
const TOTAL = Number(process.argv[2] ?? 1000);
const MODE = process.argv[3] === 'single' ? 'single' : 'batch';
const BASE = process.argv[4] ?? 'http://localhost:8787';
const ENGAGEMENT = `eng_${'ACMEANNA'.padStart(26, '0')}`;
const TERMINAL = new Set(['completed', 'needs_review', 'failed']);
const CONCURRENCY = 25;
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

async function login(): Promise<string> {
  const response = await fetch(`${BASE}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'ops@acme.test', password: 'demo-password' }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status} (is bun run dev running?)`);
  return ((await response.json()) as { token: string }).token;
}

const token = await login();
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const ids: string[] = [];
const body = (n: number) => ({
  title: `Invoice ${n}`,
  module: 'CTAX',
  type: 'process_invoice',
  input: { text: invoice(n) },
});
const started = performance.now();
if (MODE === 'batch') {
  for (let next = 0; next < TOTAL; next += BATCH) {
    const tasks = Array.from({ length: Math.min(BATCH, TOTAL - next) }, (_, i) => body(next + i));
    const response = await fetch(`${BASE}/v1/engagements/${ENGAGEMENT}/tasks/batch`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ tasks }),
    });
    if (response.status !== 202)
      throw new Error(`create failed: ${response.status} ${await response.text()}`);
    ids.push(...((await response.json()) as { data: { id: string }[] }).data.map((t) => t.id));
  }
} else {
  for (let next = 0; next < TOTAL; ) {
    const wave = Array.from({ length: Math.min(CONCURRENCY, TOTAL - next) }, (_, i) => next + i);
    next += wave.length;
    const created = await Promise.all(
      wave.map(async (n) => {
        const response = await fetch(`${BASE}/v1/engagements/${ENGAGEMENT}/tasks`, {
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
console.log(`${MODE}: created ${ids.length} tasks in ${((createdAt - started) / 1000).toFixed(1)} s`);

// Cheap polling while work runs (is anything of this engagement still queued or in progress?), so the
// measurement does not load the machine it measures; then one full listing to check every task.
const busy = async (status: string) => {
  const page = (await (
    await fetch(`${BASE}/v1/engagements/${ENGAGEMENT}/tasks?limit=1&status=${status}`, { headers })
  ).json()) as { data: unknown[] };
  return page.data.length > 0;
};
while (performance.now() - started < 600_000 && ((await busy('queued')) || (await busy('in_progress')))) {
  await Bun.sleep(100);
}
const finished = performance.now();
const pending = new Set(ids);
const statuses = new Map<string, string>();
let cursor: string | null = null;
do {
  const page = (await (
    await fetch(`${BASE}/v1/engagements/${ENGAGEMENT}/tasks?limit=100${cursor ? `&cursor=${cursor}` : ''}`, {
      headers,
    })
  ).json()) as { data: { id: string; status: string }[]; next_cursor: string | null };
  for (const task of page.data) {
    if (pending.has(task.id) && TERMINAL.has(task.status)) {
      pending.delete(task.id);
      statuses.set(task.id, task.status);
    }
  }
  cursor = page.next_cursor;
} while (cursor);

const counts: Record<string, number> = {};
for (const status of statuses.values()) counts[status] = (counts[status] ?? 0) + 1;
const seconds = (finished - started) / 1000;
console.log(`terminal: ${statuses.size}/${TOTAL} ${JSON.stringify(counts)}; lost: ${pending.size}`);
console.log(
  `all terminal after ${seconds.toFixed(1)} s from the first create → ${(TOTAL / seconds).toFixed(0)} tasks/s`,
);
console.log(`processing after the last create: ${((finished - createdAt) / 1000).toFixed(1)} s`);
process.exit(pending.size === 0 ? 0 : 1);
