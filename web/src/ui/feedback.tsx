// Loading, empty and error states, and the live-connection indicator: every page shows one of these
// instead of a blank area.
import type { ComponentChildren } from 'preact';
import type { ApiProblem } from '../api/problem';
import type { LiveState } from '../live/room';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      {label}
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

export function ProblemBanner({
  problem,
  onRetry,
}: {
  problem: ApiProblem | undefined;
  onRetry?: () => void;
}) {
  if (!problem) return null;
  return (
    <div class="banner banner-error" role="alert">
      <strong>{problem.title}</strong>
      {problem.detail && problem.detail !== problem.title && <span> — {problem.detail}</span>}
      {onRetry && (
        <button type="button" class="link" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

const LIVE_LABEL: Record<LiveState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

export function LiveIndicator({ state, members }: { state: LiveState; members?: number }) {
  return (
    <span class={`live live-${state}`} role="status" aria-live="polite" data-live={state}>
      <span class="live-dot" aria-hidden="true" />
      {LIVE_LABEL[state]}
      {state === 'live' && members ? ` · ${members} here` : ''}
    </span>
  );
}
