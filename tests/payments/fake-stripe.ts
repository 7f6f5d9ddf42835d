// Stripe's API at fetch, for the real stripe-node SDK: customers, invoices with their item, finalize, search by
// metadata, credit notes and refunds — each refused as Stripe refuses it when it exceeds what is left — and
// a repeated idempotency key answered with the first answer (as Stripe does for 24 h).
import { vi } from 'vitest';

export interface StripeCall {
  method: string;
  path: string;
  body: URLSearchParams;
  key: string | null;
}

export interface FakeStripe {
  calls: StripeCall[];
  invoices: Map<string, Record<string, unknown>>;
  creditNotes: Map<string, Record<string, unknown>>;
  refunds: Map<string, Record<string, unknown>>;
  /** Forgets every idempotency key answered (Stripe keeps them 24 h). */
  expireKeys(): void;
}

/** What Stripe's search finds: objects whose metadata has the value the query asks for. */
function searchResult(objects: Iterable<Record<string, unknown>>, query: string | null) {
  const [, key, value] = /^metadata\['(\w+)'\]:'([\w-]+)'$/.exec(query ?? '') ?? [];
  const data = [...objects].filter((o) => key && (o.metadata as Record<string, string>)[key] === value);
  return { object: 'search_result', data, has_more: false, next_page: null, url: '/v1/search' };
}

/** Intercepts fetch (restore with vi.restoreAllMocks) and answers as Stripe would. */
export function fakeStripeApi(): FakeStripe {
  const calls: StripeCall[] = [];
  const answered = new Map<string, unknown>();
  const customers = new Map<string, Record<string, unknown>>();
  const invoices = new Map<string, Record<string, unknown>>();
  const creditNotes = new Map<string, Record<string, unknown>>();
  const refunds = new Map<string, Record<string, unknown>>();
  // Ids unique across fakes: each test file's database keeps the invoices of its earlier tests.
  const tag = crypto.randomUUID().slice(0, 8);
  let n = 0;
  const route = (method: string, url: URL, body: URLSearchParams): unknown => {
    const path = url.pathname;
    if (path === '/v1/customers/search')
      return searchResult(customers.values(), url.searchParams.get('query'));
    if (path === '/v1/invoices/search') return searchResult(invoices.values(), url.searchParams.get('query'));
    if (path === '/v1/customers') {
      const customer = {
        id: `cus_T${tag}${++n}`,
        object: 'customer',
        name: body.get('name'),
        metadata: { org_id: body.get('metadata[org_id]') },
      };
      customers.set(customer.id, customer);
      return customer;
    }
    if (path === '/v1/invoices') {
      const invoice = {
        id: `in_T${tag}${++n}`,
        object: 'invoice',
        status: 'draft',
        customer: body.get('customer'),
        collection_method: body.get('collection_method'),
        total: 0,
        pre_payment_credit_notes_amount: 0,
        metadata: { payment_id: body.get('metadata[payment_id]') },
      };
      invoices.set(invoice.id, invoice);
      return invoice;
    }
    if (path === '/v1/invoiceitems') {
      const invoice = invoices.get(body.get('invoice') ?? '');
      if (invoice) invoice.total = Number(body.get('amount'));
      return { id: `ii_T${tag}${++n}`, object: 'invoiceitem', invoice: invoice?.id, amount: invoice?.total };
    }
    if (path === '/v1/credit_notes' && method === 'POST') {
      // Stripe: a credit note on an open invoice lowers what it asks, never below zero.
      const invoice = invoices.get(body.get('invoice') ?? '');
      const amount = Number(body.get('amount'));
      if (invoice?.status !== 'open') return null;
      const asked = Number(invoice.total) - Number(invoice.pre_payment_credit_notes_amount);
      if (!(amount > 0 && amount <= asked)) return null;
      invoice.pre_payment_credit_notes_amount = Number(invoice.pre_payment_credit_notes_amount) + amount;
      invoice.amount_due = asked - amount;
      const note = { id: `cn_T${tag}${++n}`, object: 'credit_note', invoice: invoice.id, amount };
      creditNotes.set(note.id, note);
      return note;
    }
    if (path === '/v1/refunds' && method === 'POST') {
      // Stripe: no more refunded than was charged (the fake charges what the invoice asked once paid).
      const intent = body.get('payment_intent') ?? '';
      const amount = Number(body.get('amount'));
      const charged = [...invoices.values()].find((i) => `pi_of_${i.id}` === intent);
      const before = [...refunds.values()]
        .filter((r) => r.payment_intent === intent)
        .reduce((sum, r) => sum + Number(r.amount), 0);
      if (!charged || !(amount > 0) || before + amount > Number(charged.total)) return null;
      const refund = {
        id: `re_T${tag}${++n}`,
        object: 'refund',
        payment_intent: intent,
        amount,
        status: 'succeeded',
      };
      refunds.set(refund.id, refund);
      return refund;
    }
    const finalize = /^\/v1\/invoices\/(in_\w+)\/finalize$/.exec(path);
    const invoice = invoices.get(finalize?.[1] ?? path.split('/')[3] ?? '');
    if (finalize && invoice) {
      if (invoice.status !== 'draft') return null; // Stripe: "This invoice is already finalized"
      Object.assign(invoice, {
        status: 'open',
        amount_due: invoice.total,
        hosted_invoice_url: `https://invoice.stripe.com/i/${invoice.id}`,
        payments: { object: 'list', data: [{ payment: { payment_intent: `pi_of_${invoice.id}` } }] },
      });
      return invoice;
    }
    if (method === 'GET' && invoice) return invoice;
    return null;
  };
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const body = new URLSearchParams(request.method === 'GET' ? '' : await request.text());
    const key = request.headers.get('idempotency-key');
    calls.push({ method: request.method, path: url.pathname, body, key });
    const replay = key ? answered.get(`${url.pathname}:${key}`) : undefined;
    const reply = replay ?? route(request.method, url, body);
    if (reply === null)
      return Response.json(
        { error: { type: 'invalid_request_error', message: `No answer for ${url.pathname}` } },
        { status: 400 },
      );
    if (key) answered.set(`${url.pathname}:${key}`, reply);
    return Response.json(reply);
  });
  return { calls, invoices, creditNotes, refunds, expireKeys: () => answered.clear() };
}
