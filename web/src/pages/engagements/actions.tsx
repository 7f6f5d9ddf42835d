// Engagement transitions as buttons: which ones a reader sees follows the state machine for their role;
// the destructive ones ask first. The caller shows the action's problem (a 409 at max_clients, say).
import { api, type Engagement, ok } from '../../api/client';
import { type Translation, useMessages } from '../../i18n/define';
import type { Role } from '../../session';
import { type Action, useAction } from '../../ui/form';
import { engagementPage } from './messages';
import { actionsFor, type EngagementAction } from './shared';

type Texts = Translation<typeof engagementPage.en>;

/** The question a destructive transition asks first; accepting asks nothing. */
const question = (m: Texts, action: EngagementAction): string | undefined =>
  ({ accept: undefined, decline: m.confirmDecline, complete: m.confirmComplete, cancel: m.confirmCancel })[
    action
  ];

export type EngagementActionRun = Action<[Engagement, EngagementAction]>;

/** Runs a transition (after confirmation where it is destructive) and hands back the updated engagement. */
export function useEngagementAction(onDone: (updated: Engagement) => void): EngagementActionRun {
  const m = useMessages(engagementPage);
  return useAction(async (engagement: Engagement, action: EngagementAction) => {
    const ask = question(m, action);
    if (ask && !confirm(ask)) return;
    const updated = await ok(
      api.POST('/v1/engagements/{id}/{action}', { params: { path: { id: engagement.id, action } } }),
    );
    onDone(updated);
  });
}

export function ActionButtons({
  engagement,
  role,
  action,
  small,
}: {
  engagement: Engagement;
  role: Role;
  action: EngagementActionRun;
  small?: boolean;
}) {
  const m = useMessages(engagementPage);
  const available = actionsFor(engagement.status, role);
  if (available.length === 0) return null;
  return (
    <span class="row">
      {available.map((name) => (
        <button
          key={name}
          type="button"
          class={[name === 'accept' ? 'primary' : name === 'complete' ? '' : 'danger', small ? 'small' : '']
            .join(' ')
            .trim()}
          disabled={action.busy}
          aria-label={small ? m.actionFor(m[name], engagement.title) : undefined}
          onClick={() => void action.run(engagement, name)}
        >
          {m[name]}
        </button>
      ))}
    </span>
  );
}
