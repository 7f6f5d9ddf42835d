// Reconciliation: our payouts checked against the provider's transfers, on demand. Findings are grouped by
// kind, each saying what it means, so an operator knows which payouts to look at and why.
import { useState } from 'preact/hooks';
import { api, ok, type Schemas } from '../../api/client';
import { ProblemBanner } from '../../ui/feedback';
import { controlProps, Field, useAction } from '../../ui/form';

type Reconciliation = Schemas['PayoutReconciliation'];
type Problem = Reconciliation['mismatches'][number]['problem'];

const KINDS: { problem: Problem; title: string; meaning: string }[] = [
  {
    problem: 'missing_transfer',
    title: 'Missing transfers',
    meaning: 'Completed payouts for which the provider has no transfer.',
  },
  {
    problem: 'duplicate_transfers',
    title: 'Duplicate transfers',
    meaning: 'More than one live transfer for one payout: the expert was paid twice.',
  },
  {
    problem: 'transfer_id_differs',
    title: 'Different transfers',
    meaning: 'The provider’s transfer is not the one the payout recorded.',
  },
  {
    problem: 'transfer_on_unfinished_payout',
    title: 'Transfers on failed or in-flight payouts',
    meaning: 'The payout is failed or still processing, yet the provider made a transfer.',
  },
  {
    problem: 'amount_differs',
    title: 'Amount mismatches',
    meaning: 'The transfer’s amount or currency differs from the payout’s.',
  },
  {
    problem: 'entries_differ',
    title: 'Ledger mismatches',
    meaning: 'The payout’s amount differs from the sum of the ledger entries it pays.',
  },
  {
    problem: 'reversed',
    title: 'Reversed transfers',
    meaning: 'Every transfer for this completed payout was reversed.',
  },
];

export function ReconciliationSection() {
  const [week, setWeek] = useState('');
  const [report, setReport] = useState<Reconciliation>();
  const check = useAction(async () => {
    setReport(undefined);
    const value = week.trim().toUpperCase() || undefined;
    setReport(await ok(api.GET('/v1/admin/payouts/reconciliation', { params: { query: { week: value } } })));
  });
  const weekProblem = check.problem?.fieldError('week') ? check.problem : undefined;

  return (
    <section aria-labelledby="reconciliation-heading">
      <h2 id="reconciliation-heading">Reconciliation</h2>
      <form
        class="inline-form card adm-filters"
        aria-label="Check payouts against the provider"
        onSubmit={(e) => {
          e.preventDefault();
          void check.run();
        }}
      >
        <Field
          label="Week (optional)"
          name="reconcile-week"
          paths={['week']}
          problem={weekProblem}
          hint="Empty: the latest completed, failed and in-flight payouts."
        >
          <input
            {...controlProps('reconcile-week', weekProblem)}
            aria-invalid={weekProblem ? true : undefined}
            aria-describedby={weekProblem ? 'reconcile-week-error' : undefined}
            type="text"
            placeholder="2026-W47"
            spellcheck={false}
            autoComplete="off"
            value={week}
            onInput={(e) => setWeek(e.currentTarget.value)}
          />
        </Field>
        <div class="row adm-filter-actions">
          <button type="submit" class="primary" disabled={check.busy} aria-busy={check.busy}>
            {check.busy ? 'Checking…' : 'Check against provider'}
          </button>
        </div>
      </form>
      {!weekProblem && <ProblemBanner problem={check.problem} onRetry={() => void check.run()} />}
      {report && <Report report={report} />}
    </section>
  );
}

function Report({ report }: { report: Reconciliation }) {
  const scope = `${report.checked} payout${report.checked === 1 ? '' : 's'}${report.week ? ` of ${report.week}` : ''}`;
  if (report.mismatches.length === 0) {
    return (
      <div class="banner banner-good" role="status" data-testid="reconciliation-ok">
        <strong>All payouts match</strong> — checked {scope} against the provider’s transfers.
      </div>
    );
  }
  return (
    <div class="stack" data-testid="reconciliation-findings">
      <div class="banner banner-error" role="status">
        <strong>
          {report.mismatches.length} finding{report.mismatches.length === 1 ? '' : 's'}
        </strong>{' '}
        in {scope}.
      </div>
      {KINDS.map((kind) => {
        const found = report.mismatches.filter((m) => m.problem === kind.problem);
        if (found.length === 0) return null;
        return (
          <section
            key={kind.problem}
            class="card"
            data-testid="reconciliation-finding"
            data-problem={kind.problem}
          >
            <h3>
              {kind.title} ({found.length})
            </h3>
            <p class="hint adm-tight">{kind.meaning}</p>
            <ul class="adm-errors">
              {found.map((m) => (
                <li key={`${m.payout_id}-${m.detail}`}>
                  <a href={`/payouts/${m.payout_id}`}>
                    <code>{m.payout_id}</code>
                  </a>
                  : {m.detail}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
