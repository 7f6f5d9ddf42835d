// A table of payouts, each row opening the payout with the payments it covers.
import type { Payout } from '../../api/client';
import { StatusBadge } from '../../ui/badges';
import { formatMoney } from '../../ui/format';
import { ShortId } from './short-id';

export function PayoutsTable({ payouts, showExpert = false }: { payouts: Payout[]; showExpert?: boolean }) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th>Week</th>
            {showExpert && <th>Expert</th>}
            <th class="num">Amount</th>
            <th>Currency</th>
            <th>Status</th>
            <th>Transfer</th>
            <th class="num">Attempts</th>
            <th>Error</th>
          </tr>
        </thead>
        <tbody>
          {payouts.map((p) => (
            <tr key={p.id} data-testid="payout-row" data-id={p.id} data-status={p.status}>
              <td class="po-nowrap">
                <a
                  href={`/payouts/${encodeURIComponent(p.id)}`}
                  aria-label={`Payout for ${p.week} (${p.id})`}
                >
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
              <td class="num">{p.attempts}</td>
              <td class="po-error">{p.error ?? <span class="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
