// Who reacts to which event — the one place to look. Each handler runs at most once per event id.
import {
  emailEngagementAccepted,
  emailEngagementRequested,
  emailPayoutSent,
  emailTaskCompleted,
  emailTaskNeedsReview,
} from '../modules/email/handlers';
import { pushToRoom } from '../modules/rooms/publish';
import type { HandlerRegistry } from './dispatch';

export const eventHandlers: HandlerRegistry = {
  // Every event of an engagement reaches its live room.
  '*': [pushToRoom],
  'engagement.requested': [emailEngagementRequested],
  'engagement.accepted': [emailEngagementAccepted],
  'task.needs_review': [emailTaskNeedsReview],
  'task.completed': [emailTaskCompleted],
  'payout.completed': [emailPayoutSent],
};
