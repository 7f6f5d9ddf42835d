// The engagement lifecycle as data: who may move an engagement where, and which event that emits.
import { defineMachine } from '../../lib/state-machine';

export const engagementMachine = defineMachine({
  name: 'engagement',
  states: ['pending', 'active', 'completed', 'declined', 'cancelled'],
  transitions: {
    accept: { from: ['pending'], to: 'active', roles: ['expert'], event: 'engagement.accepted' },
    decline: { from: ['pending'], to: 'declined', roles: ['expert'], event: 'engagement.declined' },
    /** A request nobody answered within the expiry (modules/reminders): declined by the platform. */
    expire: { from: ['pending'], to: 'declined', roles: ['system'], event: 'engagement.declined' },
    complete: {
      from: ['active'],
      to: 'completed',
      roles: ['company', 'expert'],
      event: 'engagement.completed',
    },
    cancel: {
      from: ['pending', 'active'],
      to: 'cancelled',
      roles: ['company'],
      event: 'engagement.cancelled',
    },
  },
});

export type EngagementAction = keyof typeof engagementMachine.transitions;
