// The batch lifecycle as data. A batch runs until none of its rows is queued or running; it ends completed,
// or cancelled when a cancel stopped some rows before they began. Every change of its counts is a step.
import { defineMachine } from '../../lib/state-machine';

export const batchMachine = defineMachine({
  name: 'extraction batch',
  states: ['running', 'completed', 'cancelled'],
  transitions: {
    progress: { from: ['running'], to: 'running', roles: ['system'], event: 'batch.progress' },
    complete: { from: ['running'], to: 'completed', roles: ['system'], event: 'extraction_batch.completed' },
    cancel: { from: ['running'], to: 'cancelled', roles: ['system'], event: 'extraction_batch.completed' },
  },
});

export type BatchAction = keyof typeof batchMachine.transitions;
