// Payouts: an expert sees their balance, their Stripe account and their payouts; an admin every payout,
// filtered by ISO week and status, with a way to the payout runs.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ok, type Payout } from '../../api/client';
import { useList } from '../../live/use-list';
import { useSession } from '../../session';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { controlProps, Field } from '../../ui/form';
import { titleCase } from '../../ui/format';
import { ListMore, PageHead } from '../../ui/page';
import { AccountCard, BalanceCard } from './account';
import { PayoutsTable } from './table';
import './payouts.css';

const STATUSES: Payout['status'][] = ['pending', 'processing', 'completed', 'failed', 'skipped'];

export function PayoutsPage() {
  const user = useSession();
  return user?.role === 'admin' ? <AdminPayouts /> : <ExpertPayouts />;
}

function ExpertPayouts() {
  const list = useList((cursor) => ok(api.GET('/v1/payouts', { params: { query: { cursor } } })), []);
  return (
    <section class="page">
      <PageHead title="Payouts" />
      <div class="grid">
        <BalanceCard />
        <AccountCard />
      </div>
      <h2>Your payouts</h2>
      <ProblemBanner problem={list.error} onRetry={() => void list.reload()} />
      {list.items === undefined ? (
        list.loading && <Loading label="Loading payouts…" />
      ) : list.items.length === 0 ? (
        <Empty title="No payouts yet">
          Every Monday your share of the previous week's paid payments becomes a payout, sent on Friday.
        </Empty>
      ) : (
        <PayoutsTable payouts={list.items} />
      )}
      <ListMore list={list} />
    </section>
  );
}

function AdminPayouts() {
  const { query, route } = useLocation();
  const week = query.week?.trim() || undefined;
  const status = STATUSES.find((s) => s === query.status);
  const [weekDraft, setWeekDraft] = useState(week ?? '');
  useEffect(() => setWeekDraft(week ?? ''), [week]);

  const list = useList(
    (cursor) => ok(api.GET('/v1/payouts', { params: { query: { cursor, week, status } } })),
    [week, status],
  );

  const filter = (next: { week?: string; status?: string }) => {
    const params = new URLSearchParams();
    if (next.week?.trim()) params.set('week', next.week.trim().toUpperCase());
    if (next.status) params.set('status', next.status);
    const search = params.toString();
    route(search ? `/payouts?${search}` : '/payouts', true);
  };
  const weekProblem = list.error?.fieldError('week') ? list.error : undefined;

  return (
    <section class="page">
      <PageHead title="Payouts">
        <a href="/admin/payouts">Payout runs</a>
      </PageHead>
      <form
        class="inline-form card payout-filters"
        aria-label="Filter payouts"
        onSubmit={(e) => {
          e.preventDefault();
          filter({ week: weekDraft, status });
        }}
      >
        <Field label="Week" name="week" problem={weekProblem} hint="An ISO week, e.g. 2026-W47">
          <input
            {...controlProps('week', weekProblem)}
            type="text"
            placeholder="2026-W47"
            spellcheck={false}
            value={weekDraft}
            onInput={(e) => setWeekDraft(e.currentTarget.value)}
          />
        </Field>
        <div class="field">
          <label for="status">Status</label>
          <select
            id="status"
            value={status ?? ''}
            onChange={(e) => filter({ week, status: e.currentTarget.value })}
          >
            <option value="">All</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {titleCase(s)}
              </option>
            ))}
          </select>
        </div>
        <div class="row filter-actions">
          <button type="submit">Apply</button>
          {(week || status) && (
            <button type="button" class="link" onClick={() => filter({})}>
              Clear filters
            </button>
          )}
        </div>
      </form>

      {!weekProblem && <ProblemBanner problem={list.error} onRetry={() => void list.reload()} />}
      {list.items === undefined ? (
        list.loading && !list.error && <Loading label="Loading payouts…" />
      ) : list.items.length === 0 ? (
        <Empty title={week || status ? 'No payouts match these filters' : 'No payouts yet'}>
          {week || status ? (
            'Try another week or status.'
          ) : (
            <>
              Payouts are prepared every Monday; you can also <a href="/admin/payouts">run a payout</a> by
              hand.
            </>
          )}
        </Empty>
      ) : (
        <PayoutsTable payouts={list.items} showExpert />
      )}
      <ListMore list={list} />
    </section>
  );
}
