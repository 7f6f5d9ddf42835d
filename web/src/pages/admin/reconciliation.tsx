// Reconciliation: our payouts checked against the provider's transfers, on demand. Findings are grouped by
// kind, each saying what it means, so an operator knows which payouts to look at and why.
import { useState } from 'preact/hooks';
import { api, ok, type Schemas } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { ProblemBanner } from '../../ui/feedback';
import { controlProps, Field, useAction } from '../../ui/form';
import { formatNumber } from '../../ui/format';
import { payoutRunMessages, reconciliationMessages } from './messages';

type Reconciliation = Schemas['PayoutReconciliation'];
type Problem = Reconciliation['mismatches'][number]['problem'];

/** The order findings are shown in: the ones that cost money first. */
const KINDS: Problem[] = [
  'missing_transfer',
  'duplicate_transfers',
  'transfer_id_differs',
  'transfer_on_unfinished_payout',
  'amount_differs',
  'entries_differ',
  'reversed',
];

export function ReconciliationSection() {
  const m = useMessages(reconciliationMessages);
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
      <h2 id="reconciliation-heading">{m.title}</h2>
      <form
        class="inline-form card adm-filters"
        aria-label={m.formLabel}
        onSubmit={(e) => {
          e.preventDefault();
          void check.run();
        }}
      >
        <Field
          label={m.weekOptional}
          name="reconcile-week"
          paths={['week']}
          problem={weekProblem}
          hint={m.weekHint}
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
            {check.busy ? m.checking : m.check}
          </button>
        </div>
      </form>
      {!weekProblem && <ProblemBanner problem={check.problem} onRetry={() => void check.run()} />}
      {report && <Report report={report} />}
    </section>
  );
}

function Report({ report }: { report: Reconciliation }) {
  const m = useMessages(reconciliationMessages);
  const runs = useMessages(payoutRunMessages);
  const scope = m.scope(report.checked, report.week);
  if (report.mismatches.length === 0) {
    return (
      <div class="banner banner-good" role="status" data-testid="reconciliation-ok">
        <strong>{m.allMatch}</strong>
        {m.checked(scope)}
      </div>
    );
  }
  return (
    <div class="stack" data-testid="reconciliation-findings">
      <div class="banner banner-error" role="status">
        <strong>{m.findings(report.mismatches.length)}</strong>
        {m.inScope(scope)}
      </div>
      {KINDS.map((problem) => {
        const found = report.mismatches.filter((f) => f.problem === problem);
        if (found.length === 0) return null;
        return (
          <section key={problem} class="card" data-testid="reconciliation-finding" data-problem={problem}>
            <h3>
              {m.problems(problem)} ({formatNumber(found.length)})
            </h3>
            <p class="hint adm-tight">{m.meanings(problem)}</p>
            <ul class="adm-errors">
              {found.map((f) => (
                <li key={`${f.payout_id}-${f.detail}`}>
                  <a href={`/payouts/${f.payout_id}`}>{runs.payoutOf(f.expert_name ?? runs.unknownExpert)}</a>
                  {/* The provider's and ledger's figures, as the API words them. */}:{' '}
                  <span lang="en">{f.detail}</span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
