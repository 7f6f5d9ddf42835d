// Engagement transitions as buttons: which ones a reader sees follows the state machine for their role;
// the destructive ones ask first. The caller shows the action's problem (a 409 at max_clients, say).
import { api, type Engagement, ok } from '../../api/client';
import type { Role } from '../../session';
import { type Action, useAction } from '../../ui/form';
import { actionsFor, type EngagementAction } from './shared';

const LABEL: Record<EngagementAction, string> = {
  accept: 'Accept',
  decline: 'Decline',
  complete: 'Mark completed',
  cancel: 'Cancel engagement',
};

const CONFIRM: Partial<Record<EngagementAction, string>> = {
  decline: 'Decline this request? The company is told and cannot reopen it.',
  complete: 'Mark this engagement completed? Its AI modules are uninstalled and no new tasks can be added.',
  cancel: 'Cancel this engagement? Its AI modules are uninstalled and no new tasks can be added.',
};

export type EngagementActionRun = Action<[Engagement, EngagementAction]>;

/** Runs a transition (after confirmation where it is destructive) and hands back the updated engagement. */
export function useEngagementAction(onDone: (updated: Engagement) => void): EngagementActionRun {
  return useAction(async (engagement: Engagement, action: EngagementAction) => {
    const question = CONFIRM[action];
    if (question && !confirm(question)) return;
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
          aria-label={small ? `${LABEL[name]} ${engagement.title}` : undefined}
          onClick={() => void action.run(engagement, name)}
        >
          {LABEL[name]}
        </button>
      ))}
    </span>
  );
}
