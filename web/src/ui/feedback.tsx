// Loading, empty and error states, and the live-connection indicator: every page shows one of these
// instead of a blank area.
import type { ComponentChildren } from 'preact';
import type { ApiProblem } from '../api/problem';
import { common } from '../i18n/common';
import { useMessages } from '../i18n/define';
import { describeProblem } from '../i18n/problems';
import type { LiveState } from '../live/room';

export function Loading({ label }: { label?: string }) {
  const m = useMessages(common);
  return (
    <p class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      {label ?? m.loading}
    </p>
  );
}

export function Empty({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty">
      <p class="empty-title">{title}</p>
      {children && <div class="empty-body">{children}</div>}
    </div>
  );
}

/**
 * A problem in plain words (i18n/problems.ts), with the API's own title and detail — useful to support, not to
 * the reader — folded away under "Details".
 */
export function ProblemBanner({
  problem,
  onRetry,
}: {
  problem: ApiProblem | undefined;
  onRetry?: () => void;
}) {
  const m = useMessages(common);
  if (!problem) return null;
  const technical = [problem.title, problem.detail !== problem.title ? problem.detail : '']
    .filter(Boolean)
    .join(' — ');
  // Field errors are shown beside their fields; the banner names any that have no field on the page.
  return (
    <div class="banner banner-error" role="alert" data-problem={problem.slug ?? problem.status}>
      <strong>{describeProblem(problem)}</strong>
      {onRetry && (
        <button type="button" class="link" onClick={onRetry}>
          {m.tryAgain}
        </button>
      )}
      {technical && (
        <details class="problem-details">
          <summary>{m.details}</summary>
          <code>{technical}</code>
          {problem.errors.length > 0 && (
            <ul>
              {problem.errors.map((error) => (
                <li key={error.path}>
                  <code>{error.path}</code>: {error.message}
                </li>
              ))}
            </ul>
          )}
        </details>
      )}
    </div>
  );
}

export function LiveIndicator({ state, members }: { state: LiveState; members?: number }) {
  const m = useMessages(common);
  const label: Record<LiveState, string> = {
    connecting: m.liveConnecting,
    live: m.liveLive,
    reconnecting: m.liveReconnecting,
    offline: m.liveOffline,
  };
  return (
    <span class={`live live-${state}`} role="status" aria-live="polite" data-live={state}>
      <span class="live-dot" aria-hidden="true" />
      {label[state]}
      {state === 'live' && members ? ` · ${m.liveHere(members)}` : ''}
    </span>
  );
}
