// The expert's money at a glance: the ledger balance per currency, and the Stripe account payouts go to,
// with the button that connects one (Stripe's onboarding, or at once with the embedded test provider).
import { Fragment } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { api, idempotencyKey, ok, type Schemas } from '../../api/client';
import { useResource } from '../../live/use-resource';
import { Loading, ProblemBanner } from '../../ui/feedback';
import { useAction } from '../../ui/form';
import { formatMoney } from '../../ui/format';

type Me = Schemas['Me'];

export function BalanceCard() {
  const balance = useResource(() => ok(api.GET('/v1/experts/me/balance')), []);
  const rows = balance.data?.balances ?? [];
  return (
    <section class="card stack" aria-labelledby="balance-heading" data-testid="balance">
      <h2 id="balance-heading">Balance</h2>
      <ProblemBanner problem={balance.error} onRetry={() => void balance.reload()} />
      {!balance.data ? (
        balance.loading && <Loading label="Loading balance…" />
      ) : rows.length === 0 ? (
        <p class="muted">No earnings yet. Your share of each paid payment appears here.</p>
      ) : (
        <dl class="facts">
          {rows.map((b) => (
            <Fragment key={b.currency}>
              <dt>{b.currency.toUpperCase()}</dt>
              <dd data-currency={b.currency}>
                <strong class="po-amount">{formatMoney(b.balance, b.currency)}</strong>
                <div class="muted">{formatMoney(b.unpaid, b.currency)} not yet in a payout</div>
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
      <h2 id="account-heading">Payouts account</h2>
      <ProblemBanner
        problem={me.error ?? connect.problem}
        onRetry={me.error ? () => void me.reload() : undefined}
      />
      {!me.data ? (
        me.loading && <Loading label="Loading your account…" />
      ) : state === 'ready' ? (
        <>
          {connected && (
            <p class="banner banner-good" role="status">
              Your Stripe account is connected. Payouts will reach it from the next run.
            </p>
          )}
          <p>
            <span class="badge badge-good">Connected</span> Payouts are sent every Friday for the previous
            week.
          </p>
          <dl class="facts">
            <dt>Stripe account</dt>
            <dd>
              <code>{expert?.stripe_account_id}</code>
            </dd>
          </dl>
        </>
      ) : (
        <>
          <p>
            {state === 'none' ? (
              <span class="badge badge-warn">Not connected</span>
            ) : (
              <span class="badge badge-warn">Onboarding incomplete</span>
            )}{' '}
            {state === 'none'
              ? 'Connect a Stripe account to receive payouts. Until then your payouts are skipped and kept for the next run.'
              : 'Stripe needs a few more details before it can pay you out.'}
          </p>
          <p>
            <button type="button" class="primary" disabled={connect.busy} onClick={() => void connect.run()}>
              {connect.busy
                ? 'Connecting…'
                : state === 'none'
                  ? 'Connect with Stripe'
                  : 'Continue Stripe onboarding'}
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
