// Payout runs: prepare and process by hand, the recent runs (reloaded after each action), and a check of
// our payouts against the provider's transfers.
import { useState } from 'preact/hooks';
import { api, ok } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { useResource } from '../../live/use-resource';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { PageHead } from '../../ui/page';
import { payoutRunMessages } from './messages';
import { PayoutActions } from './payout-actions';
import { RunsTable } from './payout-runs-table';
import { ReconciliationSection } from './reconciliation';
import './admin.css';

/** The runs API has no cursor: the latest few, more on request (200 is its maximum). */
const RUN_LIMITS = [10, 50, 200];

export function PayoutRunsPage() {
  const m = useMessages(payoutRunMessages);
  const [limit, setLimit] = useState(RUN_LIMITS[0] ?? 10);
  const runs = useResource(
    () => ok(api.GET('/v1/admin/payouts/runs', { params: { query: { limit } } })),
    [limit],
  );
  const nextLimit = RUN_LIMITS.find((n) => n > limit);
  const shown = runs.data?.data.length ?? 0;

  return (
    <section class="page">
      <PageHead title={m.title}>
        <a href="/payouts">{m.allPayouts}</a>
      </PageHead>
      <PayoutActions onRun={() => void runs.reload()} />
      <div class="row adm-section-head">
        <h2 id="runs-heading">{m.recentRuns}</h2>
        <button type="button" class="small" onClick={() => void runs.reload()} disabled={runs.loading}>
          {m.refresh}
        </button>
      </div>
      <ProblemBanner problem={runs.error} onRetry={() => void runs.reload()} />
      {runs.data === undefined ? (
        runs.loading && <Loading label={m.loadingRuns} />
      ) : runs.data.data.length === 0 ? (
        <Empty title={m.noRuns}>{m.noRunsBody}</Empty>
      ) : (
        <>
          <RunsTable runs={runs.data.data} />
          <p class="row">
            <span class="hint">{m.latestRuns(shown)}</span>
            {nextLimit !== undefined && shown >= limit && (
              <button type="button" class="small" disabled={runs.loading} onClick={() => setLimit(nextLimit)}>
                {m.showLatest(nextLimit)}
              </button>
            )}
          </p>
        </>
      )}
      <ReconciliationSection />
    </section>
  );
}
