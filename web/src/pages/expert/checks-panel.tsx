// Why a task needs review, in words: the check that capped the confidence first (the first one failed),
// then every failed check as a sentence with what it found.
import type { Task } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { formatPercent } from '../../ui/format';
import { checkSentence } from './check-sentences';
import { expertMessages } from './messages';

export function ChecksPanel({ task, threshold }: { task: Task; threshold: number | null }) {
  const m = useMessages(expertMessages);
  const failed = (task.checks ?? []).filter((check) => !check.passed);
  const capping = failed[0];
  const confidence = task.ai_confidence;
  if (!capping) {
    if (confidence === null || threshold === null || confidence >= threshold) return null;
    return (
      <div class="banner banner-info review-failed" data-testid="failed-checks">
        {m.allPassedLow(formatPercent(confidence), formatPercent(threshold))}
      </div>
    );
  }
  return (
    <div class="banner banner-error review-failed" data-testid="failed-checks">
      <p class="review-capped" data-testid="capping-check">
        <strong>{m.whyReview}</strong> {checkSentence(capping.name)}
        {confidence !== null && threshold !== null && (
          <> {m.heldAt(formatPercent(confidence), formatPercent(threshold))}</>
        )}
      </p>
      <ul>
        {failed.map((check, i) => (
          <li key={`${check.name}-${i}`} data-check={check.name}>
            {checkSentence(check.name)}
            {check.detail && <span class="check-detail"> {m.found(check.detail.replace(/\.$/, ''))}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
