// The payout lifecycle as data (the same declarative machine as engagements and tasks). Runs move payouts in
// bulk with statements guarded by these states (see prepare.ts, process.ts); `plan` checks each step.
import { defineMachine } from '../../lib/state-machine';

export const payoutMachine = defineMachine({
  name: 'payout',
  states: ['pending', 'processing', 'completed', 'failed', 'skipped'],
  transitions: {
    /** Friday's claim: one run owns the payout; a failed one is tried again with a new attempt. */
    claim: {
      from: ['pending', 'failed'],
      to: 'processing',
      roles: ['system', 'admin'],
      event: 'payout.processing',
    },
    complete: { from: ['processing'], to: 'completed', roles: ['system'], event: 'payout.completed' },
    fail: { from: ['processing'], to: 'failed', roles: ['system'], event: 'payout.failed' },
    /** No connected account: its entries go back to the open balance, into next week's payout. */
    skip: { from: ['processing'], to: 'skipped', roles: ['system'], event: 'payout.skipped' },
  },
});

export type PayoutStatus = (typeof payoutMachine.states)[number];

/** The event type a run's outcome emits, checked against the machine once at load. */
export const OUTCOME_EVENTS = {
  completed: payoutMachine.plan('complete', 'processing', 'system').event,
  failed: payoutMachine.plan('fail', 'processing', 'system').event,
  skipped: payoutMachine.plan('skip', 'processing', 'system').event,
} as const;
