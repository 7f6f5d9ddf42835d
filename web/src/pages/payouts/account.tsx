// The expert's money at a glance: the ledger balance per currency, and the Stripe account payouts go to,
// with the button that connects one (Stripe's onboarding, or at once with the embedded test provider).
import { Fragment } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { api, idempotencyKey, ok, type Schemas } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { useResource } from '../../live/use-resource';
import { Loading, ProblemBanner } from '../../ui/feedback';
import { useAction } from '../../ui/form';
import { formatMoney } from '../../ui/format';
import { payoutMessages } from './messages';

type Me = Schemas['Me'];

export function BalanceCard() {
  const m = useMessages(payoutMessages);
  const balance = useResource(() => ok(api.GET('/v1/experts/me/balance')), []);
  const rows = balance.data?.balances ?? [];
  return (
    <section class="card stack" aria-labelledby="balance-heading" data-testid="balance">
      <h2 id="balance-heading">{m.balance}</h2>
      <ProblemBanner problem={balance.error} onRetry={() => void balance.reload()} />
      {!balance.data ? (
        balance.loading && <Loading label={m.loadingBalance} />
      ) : rows.length === 0 ? (
        <p class="muted">{m.noEarnings}</p>
      ) : (
        <dl class="facts">
          {rows.map((b) => (
            <Fragment key={b.currency}>
              <dt>{b.currency.toUpperCase()}</dt>
              <dd data-currency={b.currency}>
                <strong class="po-amount">{formatMoney(b.balance, b.currency)}</strong>
                <div class="muted">{m.notYetPaidOut(formatMoney(b.unpaid, b.currency))}</div>
              </dd>
            </Fragment>
          ))}
        </dl>
      )}
    </section>
  );
}

/** Only a web address may be followed from the API's answer. */
const isWebUrl = (url: string) => {
  try {
    return ['https:', 'http:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
};

export function AccountCard() {
  const m = useMessages(payoutMessages);
  const me = useResource(() => ok(api.GET('/v1/me')), []);
  const [connected, setConnected] = useState(false);
  const key = useRef<string | undefined>(undefined);

  const connect = useAction(async () => {
    key.current ??= idempotencyKey();
    const account = await ok(
      api.POST('/v1/experts/me/connect', { headers: { 'Idempotency-Key': key.current } }),
    );
    key.current = undefined;
    if (account.onboarding_url && isWebUrl(account.onboarding_url)) {
      location.assign(account.onboarding_url); // Stripe's hosted onboarding comes back to /payouts
      return;
    }
    me.set((current) => withAccount(current, account.account_id, account.payouts_enabled));
    setConnected(true);
  });

  const expert = me.data?.expert;
  const state = !expert?.stripe_account_id ? 'none' : expert.payouts_enabled ? 'ready' : 'incomplete';
  return (
    <section
      class="card stack"
      aria-labelledby="account-heading"
      data-testid="payouts-account"
      data-state={me.data ? state : undefined}
    >
      <h2 id="account-heading">{m.account}</h2>
      <ProblemBanner
        problem={me.error ?? connect.problem}
        onRetry={me.error ? () => void me.reload() : undefined}
      />
      {!me.data ? (
        me.loading && <Loading label={m.loadingAccount} />
      ) : state === 'ready' ? (
        <>
          {connected && (
            <p class="banner banner-good" role="status">
              {m.connectedNow}
            </p>
          )}
          <p>
            <span class="badge badge-good">{m.connected}</span> {m.fridays}
          </p>
          <dl class="facts">
            <dt>{m.stripeAccount}</dt>
            <dd>
              <code>{expert?.stripe_account_id}</code>
            </dd>
          </dl>
        </>
      ) : (
        <>
          <p>
            {state === 'none' ? (
              <span class="badge badge-warn">{m.notConnected}</span>
            ) : (
              <span class="badge badge-warn">{m.onboardingIncomplete}</span>
            )}{' '}
            {state === 'none' ? m.connectWhy : m.moreDetails}
          </p>
          <p>
            <button type="button" class="primary" disabled={connect.busy} onClick={() => void connect.run()}>
              {connect.busy ? m.connecting : state === 'none' ? m.connect : m.continueOnboarding}
            </button>
          </p>
        </>
      )}
    </section>
  );
}

function withAccount(me: Me | undefined, accountId: string, payoutsEnabled: boolean): Me | undefined {
  if (!me?.expert) return me;
  return { ...me, expert: { ...me.expert, stripe_account_id: accountId, payouts_enabled: payoutsEnabled } };
}
