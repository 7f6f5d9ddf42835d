// Payouts: an expert sees their balance, their Stripe account and their payouts; an admin every payout, with
// a way to the payout runs. Both lists are searched, sorted and filtered (status, currency, and for an admin
// the ISO week) through the URL.
import { api, ok, type Payout } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { useList } from '../../live/use-list';
import { useSession } from '../../session';
import { Empty } from '../../ui/feedback';
import { useStatusFilter, useTimeSorts } from '../../ui/list/controls';
import { ListView } from '../../ui/list/list-view';
import { listMessages } from '../../ui/list/messages';
import { useListQuery } from '../../ui/list/query';
import { PageHead } from '../../ui/page';
import { CURRENCIES } from '../engagements/shared';
import { AccountCard, BalanceCard } from './account';
import { payoutListMessages } from './list-messages';
import { PayoutsTable } from './table';
import './payouts.css';

const STATUSES: Payout['status'][] = ['pending', 'processing', 'completed', 'failed', 'skipped'];
const SORTS = ['-created_at', 'created_at', '-week', 'week', '-amount', 'amount', 'status'] as const;

export function PayoutsPage() {
  const m = useMessages(payoutListMessages);
  const admin = useSession()?.role === 'admin';
  return (
    <section class="page">
      <PageHead title={m.title}>{admin && <a href="/admin/payouts">{m.runs}</a>}</PageHead>
      {!admin && (
        <>
          <div class="grid">
            <BalanceCard />
            <AccountCard />
          </div>
          <h2>{m.yours}</h2>
        </>
      )}
      <PayoutList admin={admin} />
    </section>
  );
}

function PayoutList({ admin }: { admin: boolean }) {
  const m = useMessages(payoutListMessages);
  const lm = useMessages(listMessages);
  const timeSorts = useTimeSorts();
  const statusFilter = useStatusFilter(STATUSES);
  const query = useListQuery({
    sorts: SORTS,
    filters: { status: STATUSES, currency: CURRENCIES, week: 'text' },
  });
  const week = query.api.week?.toUpperCase();
  const list = useList(
    (cursor) => ok(api.GET('/v1/payouts', { params: { query: { ...query.api, week, cursor } } })),
    [query.key],
  );
  const weekError = list.error?.fieldError('week');

  return (
    <ListView
      list={list}
      loadingLabel={m.loading}
      hideProblem={Boolean(weekError)}
      controls={{
        query,
        id: 'payouts',
        searchHint: admin ? m.searchAdmin : m.searchExpert,
        sorts: [
          ...timeSorts,
          { value: '-week', label: m.weekLatest },
          { value: 'week', label: m.weekEarliest },
          { value: '-amount', label: lm.amountHigh },
          { value: 'amount', label: lm.amountLow },
          { value: 'status', label: lm.statusAz },
        ],
        filters: [
          statusFilter,
          {
            name: 'currency',
            label: lm.currency,
            kind: 'select',
            options: CURRENCIES.map((c) => ({ value: c, label: c.toUpperCase() })),
          },
          ...(admin
            ? [
                {
                  name: 'week' as const,
                  label: m.week,
                  kind: 'text' as const,
                  placeholder: '2026-W47',
                  error: weekError,
                },
              ]
            : []),
        ],
      }}
      empty={
        <Empty title={m.none}>
          {admin ? (
            <>
              {m.noneAdminBefore}
              <a href="/admin/payouts">{m.noneAdminLink}</a>
              {m.noneAdminAfter}
            </>
          ) : (
            m.noneExpert
          )}
        </Empty>
      }
    >
      {(items) => <PayoutsTable payouts={items} showExpert={admin} />}
    </ListView>
  );
}
