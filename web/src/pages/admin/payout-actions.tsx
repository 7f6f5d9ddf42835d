// Running the weekly payout steps by hand — prepare a week, process what is pending — with the outcome in a
// result card. The same code the Monday and Friday crons run.
import { useRef, useState } from 'preact/hooks';
import { api, idempotencyKey, ok } from '../../api/client';
import type { paths } from '../../api/schema';
import { ProblemBanner } from '../../ui/feedback';
import { controlProps, Field, useAction } from '../../ui/form';
import { formatMoney } from '../../ui/format';

type Prepared = paths['/v1/admin/payouts/prepare']['post']['responses'][200]['content']['application/json'];
type Processed = paths['/v1/admin/payouts/process']['post']['responses'][200]['content']['application/json'];
type Outcome = { kind: 'prepare'; result: Prepared } | { kind: 'process'; result: Processed };

export function PayoutActions({ onRun }: { onRun: () => void }) {
  const [week, setWeek] = useState('');
  const [outcome, setOutcome] = useState<Outcome>();
  // One key per submission: a retry of the same form (same body) reuses it; a new week or a success renews it.
  const prepareKey = useRef(idempotencyKey());
  const processKey = useRef(idempotencyKey());

  const prepare = useAction(async () => {
    const value = week.trim().toUpperCase();
    const result = await ok(
      api.POST('/v1/admin/payouts/prepare', {
        body: value ? { week: value } : {},
        headers: { 'Idempotency-Key': prepareKey.current },
      }),
    );
    prepareKey.current = idempotencyKey();
    setOutcome({ kind: 'prepare', result });
    onRun();
  });
  const processing = useAction(async () => {
    const result = await ok(
      api.POST('/v1/admin/payouts/process', { headers: { 'Idempotency-Key': processKey.current } }),
    );
    processKey.current = idempotencyKey();
    setOutcome({ kind: 'process', result });
    onRun();
  });
  const weekProblem = prepare.problem?.fieldError('week') ? prepare.problem : undefined;

  return (
    <>
      <div class="split">
        <form
          class="card adm-action"
          aria-labelledby="prepare-heading"
          onSubmit={(e) => {
            e.preventDefault();
            setOutcome(undefined);
            void prepare.run();
          }}
        >
          <h2 id="prepare-heading">Prepare</h2>
          <p class="hint adm-tight">
            One payout per expert and currency for a week's paid payments. Running it again adds nothing new.
          </p>
          <Field
            label="ISO week (optional)"
            name="week"
            problem={weekProblem}
            hint="For example 2026-W47. Empty: the previous week, as Monday's cron does."
          >
            <input
              {...controlProps('week', weekProblem)}
              type="text"
              placeholder="2026-W47"
              spellcheck={false}
              autoComplete="off"
              value={week}
              onInput={(e) => {
                setWeek(e.currentTarget.value);
                prepareKey.current = idempotencyKey();
                prepare.clear();
              }}
            />
          </Field>
          {!weekProblem && <ProblemBanner problem={prepare.problem} />}
          <div>
            <button type="submit" class="primary" disabled={prepare.busy} aria-busy={prepare.busy}>
              {prepare.busy ? 'Preparing…' : 'Prepare payouts'}
            </button>
          </div>
        </form>
        <form
          class="card adm-action"
          aria-labelledby="process-heading"
          onSubmit={(e) => {
            e.preventDefault();
            setOutcome(undefined);
            void processing.run();
          }}
        >
          <h2 id="process-heading">Process</h2>
          <p class="hint adm-tight">
            Transfers every pending payout to its expert's connected account, as Friday's cron does. Experts
            without an account are skipped until next time; failures are retried on the next run.
          </p>
          <ProblemBanner problem={processing.problem} />
          <div>
            <button type="submit" class="primary" disabled={processing.busy} aria-busy={processing.busy}>
              {processing.busy ? 'Processing…' : 'Process pending payouts'}
            </button>
          </div>
        </form>
      </div>
      {outcome && <ResultCard outcome={outcome} />}
    </>
  );
}

function ResultCard({ outcome }: { outcome: Outcome }) {
  return (
    <section
      class="card adm-result"
      aria-labelledby="run-result-heading"
      data-testid="run-result"
      data-kind={outcome.kind}
      role="status"
    >
      <h2 id="run-result-heading">{outcome.kind === 'prepare' ? 'Prepared' : 'Processed'}</h2>
      {outcome.kind === 'prepare' ? (
        <PreparedFacts result={outcome.result} />
      ) : (
        <ProcessedFacts result={outcome.result} />
      )}
    </section>
  );
}

function PreparedFacts({ result }: { result: Prepared }) {
  const amounts = Object.entries(result.amounts);
  return (
    <dl class="facts">
      <dt>Week</dt>
      <dd>{result.week}</dd>
      <dt>Payouts prepared</dt>
      <dd data-testid="prepared-count">{result.prepared}</dd>
      <dt>Amounts</dt>
      <dd>
        {amounts.length === 0
          ? 'Nothing new to pay out'
          : amounts.map(([currency, amount]) => formatMoney(amount, currency)).join(', ')}
      </dd>
    </dl>
  );
}

export function ProcessedFacts({ result }: { result: Processed }) {
  return (
    <>
      <dl class="facts">
        <dt>Processed</dt>
        <dd data-testid="processed-count">{result.processed}</dd>
        <dt>Failed</dt>
        <dd>{result.failed}</dd>
        <dt>Skipped</dt>
        <dd>{result.skipped}</dd>
        <dt>Remaining</dt>
        <dd>{result.remaining > 0 ? `${result.remaining} (continuing through the payouts queue)` : 0}</dd>
      </dl>
      <PayoutErrors errors={result.errors} />
    </>
  );
}

export function PayoutErrors({ errors }: { errors: { payout_id: string; error: string }[] }) {
  if (errors.length === 0) return null;
  return (
    <ul class="adm-errors">
      {errors.map((e) => (
        <li key={e.payout_id}>
          <a href={`/payouts/${e.payout_id}`}>
            <code>{e.payout_id}</code>
          </a>
          : {e.error}
        </li>
      ))}
    </ul>
  );
}
