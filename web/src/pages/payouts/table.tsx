// A table of payouts, each row opening the payout with the payments it covers.
import type { Payout } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { StatusBadge } from '../../ui/badges';
import { formatMoney, formatNumber } from '../../ui/format';
import { payoutListMessages } from './list-messages';
import { ShortId } from './short-id';

export function PayoutsTable({ payouts, showExpert = false }: { payouts: Payout[]; showExpert?: boolean }) {
  const m = useMessages(payoutListMessages);
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th>{m.week}</th>
            {showExpert && <th>{m.expert}</th>}
            <th class="num">{m.amount}</th>
            <th>{m.currency}</th>
            <th>{m.status}</th>
            <th>{m.transfer}</th>
            <th class="num">{m.attempts}</th>
            <th>{m.error}</th>
          </tr>
        </thead>
        <tbody>
          {payouts.map((p) => (
            <tr key={p.id} data-testid="payout-row" data-id={p.id} data-status={p.status}>
              <td class="po-nowrap">
                <a href={`/payouts/${encodeURIComponent(p.id)}`} aria-label={m.payoutFor(p.week, p.id)}>
                  {p.week}
                </a>
              </td>
              {showExpert && (
                <td>
                  <ShortId id={p.expert_id} />
                </td>
              )}
              <td class="num po-nowrap">{formatMoney(p.amount, p.currency)}</td>
              <td>{p.currency.toUpperCase()}</td>
              <td>
                <StatusBadge status={p.status} />
              </td>
              <td>{p.transfer_id ? <ShortId id={p.transfer_id} /> : <span class="muted">—</span>}</td>
              <td class="num">{formatNumber(p.attempts)}</td>
              <td class="po-error">{p.error ?? <span class="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
