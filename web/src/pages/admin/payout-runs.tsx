// Payout runs: prepare and process by hand, the recent runs (reloaded after each action), and a check of
// our payouts against the provider's transfers.
import { useState } from 'preact/hooks';
import { api, ok } from '../../api/client';
import { useResource } from '../../live/use-resource';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { PageHead } from '../../ui/page';
import { PayoutActions } from './payout-actions';
import { RunsTable } from './payout-runs-table';
import { ReconciliationSection } from './reconciliation';
import './admin.css';

/** The runs API has no cursor: the latest few, more on request (200 is its maximum). */
const RUN_LIMITS = [10, 50, 200];

export function PayoutRunsPage() {
  const [limit, setLimit] = useState(RUN_LIMITS[0] ?? 10);
  const runs = useResource(
    () => ok(api.GET('/v1/admin/payouts/runs', { params: { query: { limit } } })),
    [limit],
  );
  const nextLimit = RUN_LIMITS.find((n) => n > limit);
  const shown = runs.data?.data.length ?? 0;

  return (
    <section class="page">
      <PageHead title="Payout runs">
        <a href="/payouts">All payouts</a>
      </PageHead>
      <PayoutActions onRun={() => void runs.reload()} />
      <div class="row adm-section-head">
        <h2 id="runs-heading">Recent runs</h2>
        <button type="button" class="small" onClick={() => void runs.reload()} disabled={runs.loading}>
          Refresh
        </button>
      </div>
      <ProblemBanner problem={runs.error} onRetry={() => void runs.reload()} />
      {runs.data === undefined ? (
        runs.loading && <Loading label="Loading runs…" />
      ) : runs.data.data.length === 0 ? (
        <Empty title="No runs yet">
          Prepare runs every Monday and process every Friday; run either by hand above.
        </Empty>
      ) : (
        <>
          <RunsTable runs={runs.data.data} />
          <p class="row">
            <span class="hint">
              The latest {shown} runs, newest first. What a process run could not finish continues through the
              payouts queue, whose runs are listed too.
            </span>
            {nextLimit !== undefined && shown >= limit && (
              <button type="button" class="small" disabled={runs.loading} onClick={() => setLimit(nextLimit)}>
                Show the latest {nextLimit}
              </button>
            )}
          </p>
        </>
      )}
      <ReconciliationSection />
    </section>
  );
}
