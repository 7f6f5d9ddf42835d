// Loading, empty and error states, and the live-connection indicator: every page shows one of these
// instead of a blank area.
import type { ComponentChildren } from 'preact';
import type { ApiProblem } from '../api/problem';
import { common } from '../i18n/common';
import { useMessages } from '../i18n/define';
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
