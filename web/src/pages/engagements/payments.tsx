// The engagement's payments: the company (or an admin) bills an active engagement, then settles pending
// payments with a test card; paid ones show the platform fee and the expert's share.
import { useRef, useState } from 'preact/hooks';
import { api, type Engagement, idempotencyKey, ok, type Payment } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { useMessages } from '../../i18n/define';
import type { List } from '../../live/use-list';
import type { Role } from '../../session';
import { DisputeNote, StatusBadge } from '../../ui/badges';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { Field, SubmitButton, useAction } from '../../ui/form';
import { formatDate, formatMoney, formatMoneyInput, parseMoney } from '../../ui/format';
import { ListMore } from '../../ui/page';
import { FeeSplit, PayActions, TestModeHint } from '../payments/test-card';
import { paymentTexts } from './messages';
import { bind, CURRENCIES } from './shared';

export function EngagementPayments({
  engagement,
  role,
  payments,
}: {
  engagement: Engagement;
  role: Role;
  payments: List<Payment>;
}) {
  const m = useMessages(paymentTexts);
  const canBill = role === 'company' || role === 'admin';
  return (
    <section class="engagement-part" aria-labelledby="payments-title">
      <h2 id="payments-title">{m.title}</h2>
      {canBill && engagement.status === 'active' && (
        <BillForm engagement={engagement} onCreated={payments.upsert} />
      )}
      {canBill && <TestModeHint />}
      <ProblemBanner problem={payments.error} onRetry={() => void payments.reload()} />
      {!payments.items ? (
        payments.loading && <Loading label={m.loading} />
      ) : payments.items.length === 0 ? (
        <Empty title={m.empty}>{canBill ? m.emptyBiller : m.emptyOthers}</Empty>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{m.description}</th>
                <th scope="col" class="num">
                  {m.amount}
                </th>
                <th scope="col">{m.status}</th>
                <th scope="col" class="num">
                  {m.fee}
                </th>
                <th scope="col">{m.paid}</th>
                {canBill && <th scope="col">{m.card}</th>}
              </tr>
            </thead>
            <tbody>
              {payments.items.map((p) => (
                <tr key={p.id} data-testid="payment-row" data-status={p.status}>
                  <td>
                    {p.description ?? <span class="muted">—</span>}
                    <br />
                    <small class="muted">{m.billed(formatDate(p.created_at))}</small>
                  </td>
                  <td class="num">{formatMoney(p.amount, p.currency)}</td>
                  <td>
                    <StatusBadge status={p.status} />
                    {p.dispute_status && <DisputeNote payment={p} />}
                    {p.failure_reason && <small class="muted"> {p.failure_reason}</small>}
                  </td>
                  <td class="num">
                    <FeeSplit payment={p} />
                  </td>
                  <td>{formatDate(p.paid_at)}</td>
                  {canBill && (
                    <td>
                      <PayActions payment={p} onDone={payments.upsert} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListMore list={payments} />
    </section>
  );
}

function BillForm({ engagement, onCreated }: { engagement: Engagement; onCreated: (p: Payment) => void }) {
  const m = useMessages(paymentTexts);
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(engagement.rate.currency);
  // An example amount in the reader's own number style ("1.500,00" in German).
  const example = formatMoneyInput(150000, currency);
  const [description, setDescription] = useState('');
  const key = useRef<string | null>(null);
  const bill = useAction(async () => {
    const minor = parseMoney(amount, currency);
    if (minor === null || minor <= 0)
      throw new ApiProblem(422, m.checkAmount, '', [{ path: 'amount', message: m.enterAmount(example) }]);
    key.current ??= idempotencyKey();
    const payment = await ok(
      api.POST('/v1/engagements/{id}/payments', {
        params: { path: { id: engagement.id } },
        body: { amount: minor, currency, description: description.trim() || undefined },
        headers: { 'Idempotency-Key': key.current },
      }),
    );
    key.current = null;
    onCreated(payment);
    setAmount('');
    setDescription('');
  });
  const problem = bill.problem;
  return (
    <form
      class="card"
      aria-label={m.billForm}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void bill.run();
      }}
    >
      <ProblemBanner problem={problem} />
      <div class="inline-form">
        <Field label={m.amount} name="payment-amount" paths={['amount']} problem={problem}>
          <input
            {...bind('payment-amount', 'amount', problem)}
            inputMode="decimal"
            placeholder={example}
            value={amount}
            onInput={(e) => setAmount(e.currentTarget.value)}
          />
        </Field>
        <Field label={m.currency} name="payment-currency" paths={['currency']} problem={problem}>
          <select
            {...bind('payment-currency', 'currency', problem)}
            value={currency}
            onChange={(e) => setCurrency(e.currentTarget.value)}
          >
            {[...new Set([engagement.rate.currency, ...CURRENCIES])].map((c) => (
              <option key={c} value={c}>
                {c.toUpperCase()}
              </option>
            ))}
          </select>
        </Field>
        <Field label={m.description} name="payment-description" paths={['description']} problem={problem}>
          <input
            {...bind('payment-description', 'description', problem)}
            maxLength={500}
            placeholder={m.descriptionExample}
            value={description}
            onInput={(e) => setDescription(e.currentTarget.value)}
          />
        </Field>
        <SubmitButton busy={bill.busy}>{m.bill}</SubmitButton>
      </div>
    </form>
  );
}
