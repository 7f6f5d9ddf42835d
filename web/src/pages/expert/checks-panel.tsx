// Why a task needs review, in words: the check that capped the confidence first (the first one failed),
// then every failed check as a sentence with what it found.
import type { Task } from '../../api/client';
import { checkSentence } from './check-sentences';

export function ChecksPanel({ task, threshold }: { task: Task; threshold: number | null }) {
  const failed = (task.checks ?? []).filter((check) => !check.passed);
  const capping = failed[0];
  const confidence = task.ai_confidence;
  if (!capping) {
    if (confidence === null || threshold === null || confidence >= threshold) return null;
    return (
      <div class="banner banner-info review-failed" data-testid="failed-checks">
        Every check passed, but the confidence ({confidence} %) is below this engagement's threshold of{' '}
        {threshold} %.
      </div>
    );
  }
  return (
    <div class="banner banner-error review-failed" data-testid="failed-checks">
      <p class="review-capped" data-testid="capping-check">
        <strong>Why it needs review:</strong> {checkSentence(capping.name)}
        {confidence !== null && threshold !== null && (
          <>
            {' '}
            This held the confidence at {confidence} %, below the threshold of {threshold} %.
          </>
        )}
      </p>
      <ul>
        {failed.map((check, i) => (
          <li key={`${check.name}-${i}`} data-check={check.name}>
            {checkSentence(check.name)}
            {check.detail && <span class="check-detail"> Found: {check.detail.replace(/\.$/, '')}.</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
