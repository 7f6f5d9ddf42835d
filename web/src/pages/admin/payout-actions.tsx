// Running the weekly payout steps by hand — prepare a week, process what is pending — with the outcome in a
// result card. The same code the Monday and Friday crons run.
import { useRef, useState } from 'preact/hooks';
import { api, idempotencyKey, ok } from '../../api/client';
import type { paths } from '../../api/schema';
import { useMessages } from '../../i18n/define';
import { ProblemBanner } from '../../ui/feedback';
import { controlProps, Field, useAction } from '../../ui/form';
import { formatMoney, formatNumber } from '../../ui/format';
import { payoutRunMessages } from './messages';

type Prepared = paths['/v1/admin/payouts/prepare']['post']['responses'][200]['content']['application/json'];
type Processed = paths['/v1/admin/payouts/process']['post']['responses'][200]['content']['application/json'];
type Outcome = { kind: 'prepare'; result: Prepared } | { kind: 'process'; result: Processed };
export type PayoutError = Processed['errors'][number];

export function PayoutActions({ onRun }: { onRun: () => void }) {
  const m = useMessages(payoutRunMessages);
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
          <h2 id="prepare-heading">{m.prepare}</h2>
          <p class="hint adm-tight">{m.prepareHint}</p>
          <Field label={m.weekOptional} name="week" problem={weekProblem} hint={m.weekHint}>
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
              {prepare.busy ? m.preparing : m.preparePayouts}
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
          <h2 id="process-heading">{m.process}</h2>
          <p class="hint adm-tight">{m.processHint}</p>
          <ProblemBanner problem={processing.problem} />
          <div>
            <button type="submit" class="primary" disabled={processing.busy} aria-busy={processing.busy}>
              {processing.busy ? m.processing : m.processPending}
            </button>
          </div>
        </form>
      </div>
      {outcome && <ResultCard outcome={outcome} />}
    </>
  );
}

function ResultCard({ outcome }: { outcome: Outcome }) {
  const m = useMessages(payoutRunMessages);
  return (
    <section
      class="card adm-result"
      aria-labelledby="run-result-heading"
      data-testid="run-result"
      data-kind={outcome.kind}
      role="status"
    >
      <h2 id="run-result-heading">{outcome.kind === 'prepare' ? m.prepared : m.processed}</h2>
      {outcome.kind === 'prepare' ? (
        <PreparedFacts result={outcome.result} />
      ) : (
        <ProcessedFacts result={outcome.result} />
      )}
    </section>
  );
}

function PreparedFacts({ result }: { result: Prepared }) {
  const m = useMessages(payoutRunMessages);
  const amounts = Object.entries(result.amounts);
  return (
    <dl class="facts">
      <dt>{m.week}</dt>
      <dd>{m.isoWeek(result.week)}</dd>
      <dt>{m.payoutsPrepared}</dt>
      <dd data-testid="prepared-count">{formatNumber(result.prepared)}</dd>
      <dt>{m.amounts}</dt>
      <dd>
        {amounts.length === 0
          ? m.nothingNew
          : amounts.map(([currency, amount]) => formatMoney(amount, currency)).join(', ')}
      </dd>
    </dl>
  );
}

export function ProcessedFacts({ result }: { result: Processed }) {
  const m = useMessages(payoutRunMessages);
  return (
    <>
      <dl class="facts">
        <dt>{m.processed}</dt>
        <dd data-testid="processed-count">{formatNumber(result.processed)}</dd>
        <dt>{m.failed}</dt>
        <dd>{formatNumber(result.failed)}</dd>
        <dt>{m.skipped}</dt>
        <dd>{formatNumber(result.skipped)}</dd>
        <dt>{m.remaining}</dt>
        <dd>{result.remaining > 0 ? m.remainingContinues(result.remaining) : formatNumber(0)}</dd>
      </dl>
      <PayoutErrors errors={result.errors} />
    </>
  );
}

/** Each payout that could not be paid, named by its expert and linked to the payout. */
export function PayoutErrors({ errors }: { errors: PayoutError[] }) {
  const m = useMessages(payoutRunMessages);
  if (errors.length === 0) return null;
  return (
    <ul class="adm-errors">
      {errors.map((e) => (
        <li key={e.payout_id}>
          <a href={`/payouts/${e.payout_id}`}>{m.payoutOf(e.expert_name ?? m.unknownExpert)}</a>: {e.error}
        </li>
      ))}
    </ul>
  );
}
