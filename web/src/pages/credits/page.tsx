// /credits (company): the AI credit balance with a warning when it runs low, what tasks cost, packs to buy
// (paid with a test card locally), the usage of the last 30 days and the history of every change.
import { useState } from 'preact/hooks';
import { api, type CreditEntry, type Credits, idempotencyKey, ok, type Payment } from '../../api/client';
import { messagesOf, type Translation, useMessages } from '../../i18n/define';
import { useResource } from '../../live/use-resource';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { useAction } from '../../ui/form';
import { formatDate, formatMoney, formatNumber } from '../../ui/format';
import { PageHead } from '../../ui/page';
import { engagementWords } from '../engagements/messages';
import { TestCardButtons, TestModeHint } from '../payments/test-card';
import { creditsPage } from './messages';
import { UsageChart } from './usage-chart';
import './credits.css';

type Texts = Translation<typeof creditsPage.en>;

function priceWords(m: Texts, module: string, price: Credits['prices'][string]) {
  const pages = price.page > 0 ? m.pages(price.included_pages, m.credits(price.page)) : '';
  return `${m.what(module)}: ${m.credits(price.task)}${pages}`;
}

export function CreditsPage() {
  const m = useMessages(creditsPage);
  const credits = useResource(() => ok(api.GET('/v1/credits')), []);
  const data = credits.data;
  return (
    <section class="page">
      <PageHead title={m.title} />
      <ProblemBanner problem={credits.error} onRetry={() => void credits.reload()} />
      {!data ? (
        credits.loading && <Loading />
      ) : (
        <>
          <div class="card credits-balance">
            <p class="credits-figure" data-testid="credit-balance">
              {formatNumber(data.balance)} <span class="muted">{m.unit(data.balance)}</span>
            </p>
            {data.low_balance && (
              <p class="banner banner-warn" role="status">
                {m.low}
              </p>
            )}
            <ul class="muted credits-prices">
              {Object.entries(data.prices).map(([module, price]) => (
                <li key={module}>{priceWords(m, module, price)}</li>
              ))}
              <li>{m.refundRule}</li>
            </ul>
            <UsageChart usage={data.usage} />
          </div>
          <Packs packs={data.packs} onPaid={() => void credits.reload()} />
          <History entries={data.entries} />
        </>
      )}
    </section>
  );
}

function Packs({ packs, onPaid }: { packs: Credits['packs']; onPaid: () => void }) {
  const m = useMessages(creditsPage);
  const [pending, setPending] = useState<Payment | null>(null);
  const [paid, setPaid] = useState<string | null>(null);
  const buy = useAction(async (pack: string) => {
    setPaid(null);
    const payment = await ok(
      api.POST('/v1/credits/purchase', { body: { pack }, headers: { 'Idempotency-Key': idempotencyKey() } }),
    );
    setPending(payment);
  });
  return (
    <div class="card">
      <h2>{m.buyTitle}</h2>
      <TestModeHint />
      <ProblemBanner problem={buy.problem} />
      {paid && (
        <p class="banner banner-good" role="status">
          {paid}
        </p>
      )}
      <div class="credit-packs">
        {packs.map((pack) => (
          <div class="credit-pack" key={pack.name}>
            <strong>{m.credits(pack.credits)}</strong>
            <span>{formatMoney(pack.amount, pack.currency)}</span>
            <button
              type="button"
              class="primary small"
              disabled={buy.busy || pending !== null}
              aria-label={m.buyPack(m.credits(pack.credits), formatMoney(pack.amount, pack.currency))}
              onClick={() => void buy.run(pack.name)}
            >
              {m.buy}
            </button>
          </div>
        ))}
      </div>
      {pending && (
        <div class="stack" data-testid="credit-purchase">
          <p>
            {m.toPay(noteWords(m, pending.description ?? ''), formatMoney(pending.amount, pending.currency))}
          </p>
          <TestCardButtons
            payment={pending}
            onDone={(payment) => {
              setPending(null);
              setPaid(
                payment.status === 'paid'
                  ? m.paid(m.credits(payment.credits ?? 0))
                  : m.declined(payment.failure_reason ?? ''),
              );
              onPaid();
            }}
          />
        </div>
      )}
    </div>
  );
}

function History({ entries }: { entries: CreditEntry[] }) {
  const m = useMessages(creditsPage);
  if (entries.length === 0) return <Empty title={m.empty} />;
  return (
    <div class="card">
      <h2>{m.history}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{m.when}</th>
              <th scope="col">{m.change}</th>
              <th scope="col" class="num">
                {m.amount}
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-kind={e.kind}>
                <td>{formatDate(e.created_at)}</td>
                <td>
                  {m.kind(e.kind)}
                  {e.note && <div class="muted">{noteWords(m, e.note)}</div>}
                </td>
                <td class={`num ${e.amount < 0 ? 'credit-out' : 'credit-in'}`}>
                  {e.amount > 0 ? `+${formatNumber(e.amount)}` : formatNumber(e.amount)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/**
 * The notes the API writes itself ("CTAX task", "3 pages", "100 AI credits (starter pack)") in the reader's
 * language; a note someone typed (an admin's grant) stays as written.
 */
function noteWords(m: Texts, note: string): string {
  const task = /^([A-Z]+) task$/.exec(note);
  if (task) return messagesOf(engagementWords).moduleName(task[1] ?? '');
  const pages = /^(\d+) pages$/.exec(note);
  if (pages) return m.extraPages(Number(pages[1]));
  const pack = /^(\d+) AI credits \((.+) pack\)$/.exec(note);
  if (pack) return m.pack(m.credits(Number(pack[1])), pack[2] ?? '');
  if (note === 'The pack was refunded') return m.packRefunded;
  if (note === 'The task failed through no fault of its document') return m.taskRefunded;
  return note;
}
