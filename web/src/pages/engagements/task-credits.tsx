// What a new task costs in AI credits, beside the New task form: the price of the chosen module and the
// balance, a warning when it runs low, and — when the API refused a task for want of credits (402) — that
// refusal in plain words with the way to buy more.
import type { Credits } from '../../api/client';
import type { ApiProblem } from '../../api/problem';
import { useMessages } from '../../i18n/define';
import { creditTexts } from './task-messages';

export function TaskCost({ credits, module }: { credits: Credits | undefined; module: string }) {
  const m = useMessages(creditTexts);
  if (!credits) return null;
  const price = credits.prices[module]?.task ?? 0;
  return (
    <p class={`hint ${credits.balance < price ? 'credit-out' : ''}`} data-testid="task-cost">
      {price > 0 ? m.costs(m.credits(price)) : m.free}
      {m.balance(m.credits(credits.balance))}
      {credits.low_balance && m.low} · <a href="/credits">{m.buy}</a>
    </p>
  );
}

/** The 402 as a sentence a user can act on; null for any other problem. */
export function NotEnoughCredits({ problem }: { problem: ApiProblem | undefined }) {
  const m = useMessages(creditTexts);
  if (problem?.status !== 402) return null;
  const figures = problem.credits;
  return (
    <div class="banner banner-error" role="alert" data-testid="not-enough-credits">
      <strong>{m.notEnough}</strong>
      <span>
        {figures ? m.figures(m.credits(figures.price), m.credits(figures.balance)) : m.notCovered}{' '}
        {m.nothingCreated} <a href="/credits">{m.buyFirst}</a>
        {m.thenAgain}
      </span>
    </div>
  );
}
