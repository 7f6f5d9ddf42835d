// The task lifecycle as data. `system` is the pipeline itself (queue consumer, sweep).
import { defineMachine } from '../../lib/state-machine';

export const taskMachine = defineMachine({
  name: 'task',
  states: ['queued', 'in_progress', 'completed', 'needs_review', 'failed'],
  transitions: {
    start: { from: ['queued'], to: 'in_progress', roles: ['system'], event: 'task.started' },
    complete: { from: ['in_progress'], to: 'completed', roles: ['system'], event: 'task.completed' },
    askReview: { from: ['in_progress'], to: 'needs_review', roles: ['system'], event: 'task.needs_review' },
    fail: { from: ['queued', 'in_progress'], to: 'failed', roles: ['system'], event: 'task.failed' },
    approve: { from: ['needs_review'], to: 'completed', roles: ['expert'], event: 'task.reviewed' },
    reject: { from: ['needs_review'], to: 'queued', roles: ['expert'], event: 'task.reviewed' },
    /** The sweep's recovery of a task whose worker vanished mid-run. */
    recover: { from: ['in_progress'], to: 'queued', roles: ['system'], event: 'task.requeued' },
    /** An operator's redrive of a task that exhausted its retries. */
    retry: { from: ['failed'], to: 'queued', roles: ['admin', 'system'], event: 'task.requeued' },
  },
});

export type TaskAction = keyof typeof taskMachine.transitions;
export type TaskStatus = (typeof taskMachine.states)[number];
