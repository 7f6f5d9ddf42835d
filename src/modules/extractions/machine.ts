// The extraction lifecycle as data. `system` is the pipeline (queue consumer, sweep). Starting, each page
// and a recovery are all `extraction.progress` events: subscribers see progress, completion or failure.
import { defineMachine } from '../../lib/state-machine';

export const extractionMachine = defineMachine({
  name: 'extraction',
  states: ['queued', 'running', 'completed', 'failed'],
  transitions: {
    start: { from: ['queued'], to: 'running', roles: ['system'], event: 'extraction.progress' },
    progress: { from: ['running'], to: 'running', roles: ['system'], event: 'extraction.progress' },
    complete: { from: ['running'], to: 'completed', roles: ['system'], event: 'extraction.completed' },
    fail: { from: ['queued', 'running'], to: 'failed', roles: ['system'], event: 'extraction.failed' },
    /** The sweep's recovery of a crawl whose worker vanished. */
    recover: { from: ['running'], to: 'queued', roles: ['system'], event: 'extraction.progress' },
    /** An operator's redrive of an extraction that exhausted its retries. */
    retry: { from: ['failed'], to: 'queued', roles: ['admin', 'system'], event: 'extraction.progress' },
  },
});

export type ExtractionAction = keyof typeof extractionMachine.transitions;
export type ExtractionStatus = (typeof extractionMachine.states)[number];
