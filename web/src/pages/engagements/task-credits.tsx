// What a new task costs in AI credits, beside the New task form: the price of the chosen module and the
// balance, a warning when it runs low, and — when the API refused a task for want of credits (402) — that
// refusal in plain words with the way to buy more.
import type { Credits } from '../../api/client';
import type { ApiProblem } from '../../api/problem';

const plural = (n: number) => `${n.toLocaleString()} credit${n === 1 ? '' : 's'}`;

export function TaskCost({ credits, module }: { credits: Credits | undefined; module: string }) {
  if (!credits) return null;
  const price = credits.prices[module]?.task ?? 0;
  return (
    <p class={`hint ${credits.balance < price ? 'credit-out' : ''}`} data-testid="task-cost">
      {price > 0 ? `This task costs ${plural(price)}` : 'This task is free'} · your balance is{' '}
      {plural(credits.balance)}
      {credits.low_balance && ' (low)'} · <a href="/credits">Buy credits</a>
    </p>
  );
}

/** The 402 as a sentence a user can act on; null for any other problem. */
export function NotEnoughCredits({ problem }: { problem: ApiProblem | undefined }) {
  if (problem?.status !== 402) return null;
  const figures = problem.credits;
  return (
    <div class="banner banner-error" role="alert" data-testid="not-enough-credits">
      <strong>Not enough AI credits.</strong>
      <span>
        {figures
          ? `This costs ${plural(figures.price)} and your balance is ${plural(figures.balance)}.`
          : 'Your credit balance does not cover this task.'}{' '}
        Nothing was created. <a href="/credits">Buy credits</a>, then create the task again.
      </span>
    </div>
  );
}
