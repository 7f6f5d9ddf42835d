// /credits (company): the AI credit balance with a warning when it runs low, what tasks cost, packs to buy
// (paid with a test card locally), the usage of the last 30 days and the history of every change.
import { useState } from 'preact/hooks';
import { api, type CreditEntry, type Credits, idempotencyKey, ok, type Payment } from '../../api/client';
import { useResource } from '../../live/use-resource';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { useAction } from '../../ui/form';
import { formatDate, formatMoney } from '../../ui/format';
import { PageHead } from '../../ui/page';
import { TEST_MODE_HINT, TestCardButtons } from '../payments/test-card';
import { UsageChart } from './usage-chart';
import './credits.css';

const KIND_WORDS: Record<CreditEntry['kind'], string> = {
  grant: 'Granted',
  purchase: 'Bought',
  consumption: 'Used by a task',
  refund: 'Refunded (task failed)',
  purchase_refund: 'Pack refunded',
};

const MODULE_WORDS: Record<string, string> = {
  CTAX: 'An invoice',
  TENDER: 'An RFP',
  LEADS: 'A website',
};

function priceWords(module: string, price: Credits['prices'][string]) {
  const per = `${price.task} credit${price.task === 1 ? '' : 's'}`;
  const pages = price.page > 0 ? `, ${price.included_pages} pages included, then ${price.page} per page` : '';
  return `${MODULE_WORDS[module] ?? module}: ${per}${pages}`;
}

export function CreditsPage() {
  const credits = useResource(() => ok(api.GET('/v1/credits')), []);
  const data = credits.data;
  return (
    <section class="page">
      <PageHead title="AI credits" />
      <ProblemBanner problem={credits.error} onRetry={() => void credits.reload()} />
      {!data ? (
        credits.loading && <Loading />
      ) : (
        <>
          <div class="card credits-balance">
            <p class="credits-figure" data-testid="credit-balance">
              {data.balance.toLocaleString()} <span class="muted">credits</span>
            </p>
            {data.low_balance && (
              <p class="banner banner-warn" role="status">
                Your balance is low. Tasks cannot be created once it runs out: buy a pack below.
              </p>
            )}
            <ul class="muted credits-prices">
              {Object.entries(data.prices).map(([module, price]) => (
                <li key={module}>{priceWords(module, price)}</li>
              ))}
              <li>A task that fails through no fault of its document gets its credits back.</li>
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
      <h2>Buy credits</h2>
      <p class="hint">{TEST_MODE_HINT}</p>
      <ProblemBanner problem={buy.problem} />
      {paid && (
        <p class="banner banner-good" role="status">
          {paid}
        </p>
      )}
      <div class="credit-packs">
        {packs.map((pack) => (
          <div class="credit-pack" key={pack.name}>
            <strong>{pack.credits.toLocaleString()} credits</strong>
            <span>{formatMoney(pack.amount, pack.currency)}</span>
            <button
              type="button"
              class="primary small"
              disabled={buy.busy || pending !== null}
              aria-label={`Buy ${pack.credits} credits for ${formatMoney(pack.amount, pack.currency)}`}
              onClick={() => void buy.run(pack.name)}
            >
              Buy
            </button>
          </div>
        ))}
      </div>
      {pending && (
        <div class="stack" data-testid="credit-purchase">
          <p>
            {pending.description}: {formatMoney(pending.amount, pending.currency)} to pay.
          </p>
          <TestCardButtons
            payment={pending}
            onDone={(payment) => {
              setPending(null);
              setPaid(
                payment.status === 'paid'
                  ? `Paid: ${payment.credits ?? 0} credits were added.`
                  : `The card was declined: ${payment.failure_reason ?? 'no credits were added'}.`,
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
  if (entries.length === 0) return <Empty title="No credit changes yet" />;
  return (
    <div class="card">
      <h2>History</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col" class="num">
                Credits
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-kind={e.kind}>
                <td>{formatDate(e.created_at)}</td>
                <td>
                  {KIND_WORDS[e.kind]}
                  {e.note && <div class="muted">{e.note}</div>}
                </td>
                <td class={`num ${e.amount < 0 ? 'credit-out' : 'credit-in'}`}>
                  {e.amount > 0 ? `+${e.amount}` : e.amount}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
