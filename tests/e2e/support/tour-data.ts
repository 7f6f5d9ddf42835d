// What the tour's detail pages need and a fresh demo server lacks: an extraction, an extraction batch, an
// invoice task waiting for Anna's review and a payout to her. Each is made through the public API only
// when none is there yet, so the tour finds one whether it runs alone or after the other flows.
import { isoWeekOf } from '../../../src/modules/payouts/week';
import { apiGet, apiToken, baseUrl } from './browser';
import { ACME_ANNA, createInvoiceTask, processed } from './tasks';

type Page<T> = { data: T[] };

async function post<T>(token: string, pathname: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl()}${pathname}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': crypto.randomUUID(),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${pathname}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Polls `read` until `done` holds for what it returns. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${what} did not happen within 45 s`);
}

const none = async (token: string, pathname: string) =>
  (await apiGet<Page<unknown>>(token, pathname)).data.length === 0;

async function anExtraction(company: string) {
  if (!(await none(company, '/v1/extractions?limit=1'))) return;
  const { id } = await post<{ id: string }>(company, '/v1/extractions', {
    url: `http://localhost:8790/?tour=${Date.now()}`,
  });
  await until(
    () => apiGet<{ status: string }>(company, `/v1/extractions/${id}`),
    (x) => x.status === 'completed',
    'the extraction',
  );
}

async function aBatch(company: string) {
  if (!(await none(company, '/v1/extraction-batches?limit=1'))) return;
  const stamp = Date.now();
  await post(company, '/v1/extraction-batches', {
    urls: [`http://localhost:8790/?tour-batch=${stamp}`, `http://localhost:8791/?tour-batch=${stamp}`],
  });
}

async function aReview(company: string, anna: string) {
  if (!(await none(anna, '/v1/tasks?status=needs_review&limit=1'))) return;
  const task = await createInvoiceTask(company, 'Invoice with a mistyped IBAN (tour)', {
    file: 'invoice-english-invoice-with-a-mistyped-iban-pdf.pdf',
  });
  await processed(company, task.id);
}

/** A paid payment on Acme's engagement with Anna, then the admin's payout run of this week. */
async function aPayout(company: string, anna: string) {
  if (!(await none(anna, '/v1/payouts?limit=1'))) return;
  const payment = await post<{ id: string }>(company, `/v1/engagements/${ACME_ANNA}/payments`, {
    amount: 120_000,
    currency: 'eur',
    description: 'Tour retainer',
  });
  await post(company, `/v1/payments/${payment.id}/confirm`, { payment_method: 'pm_card_visa' });
  const admin = await apiToken('admin@engage.test');
  await post(admin, '/v1/admin/payouts/prepare', { week: isoWeekOf(new Date()) });
  await post(admin, '/v1/admin/payouts/process');
  await until(
    () => apiGet<Page<unknown>>(anna, '/v1/payouts?limit=1'),
    (p) => p.data.length > 0,
    'a payout',
  );
}

export async function arrangeTourData() {
  const [company, anna] = await Promise.all([apiToken('ops@acme.test'), apiToken('anna@experts.test')]);
  await Promise.all([anExtraction(company), aBatch(company), aReview(company, anna), aPayout(company, anna)]);
}
