// How a run's result ends a task: trusted unseen at or above the engagement's threshold (completed),
// otherwise put in front of the expert (needs_review). Shared by document runs and job-backed task types.
import type { Db } from '../../db/client';
import type { Task } from '../../db/schema';
import type { Check } from '../ai/types';
import { planTransition, type TransitionPlan } from './transition';

export const DEFAULT_REVIEW_THRESHOLD = 80;

export interface RunOutput {
  output: unknown;
  confidence: number;
  checks: Check[];
  modelUsed: string;
}

export function planFinish(
  db: Db,
  task: Task,
  result: RunOutput,
  threshold: number,
  data: Record<string, unknown> = {},
): { plan: TransitionPlan; trusted: boolean } {
  const trusted = result.confidence >= threshold;
  const plan = planTransition(db, task, trusted ? 'complete' : 'askReview', 'system', {
    changes: {
      output: result.output,
      checks: result.checks,
      aiConfidence: result.confidence,
      aiHandled: trusted ? 'full' : 'partial',
      modelUsed: result.modelUsed,
      error: null,
      completedAt: trusted ? new Date().toISOString() : null,
    },
    data: { confidence: result.confidence, threshold, ...data },
  });
  return { plan, trusted };
}
