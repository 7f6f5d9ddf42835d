// Cross-checks of an extracted RFP: the deadline fits the other dates, lots are numbered 1..n.
import { daysBetween } from '../../text/dates';
import type { ScoredCheck } from '../shared/confidence';
import type { RfpOutput } from './schema';

/** A failed consistency check: below the threshold, so a person confirms the dates or lots. */
export const CONSISTENCY_CAP = 70;

const BEFORE_DEADLINE =
  /(Veröffentlich|Bekanntmachung|Versand|Fragen|Bieterfragen|publi|issue\s+date|issued|released|question|clarification|renseignements)/i;
const AFTER_DEADLINE =
  /(Zuschlag|Vertragsbeginn|Leistungsbeginn|Bindefrist|award|contract\s+start|start\s+of\s+(the\s+)?contract|commencement|attribution|notification|début\s+(?:d['’]exécution|des\s+prestations)|démarrage)/i;

export function rfpChecks(o: RfpOutput): ScoredCheck[] {
  const checks: ScoredCheck[] = [];
  if (o.submission_deadline) {
    const problem = deadlineProblem(o.submission_deadline, o.other_dates);
    checks.push({
      name: 'deadline_plausible',
      passed: !problem,
      detail: problem ?? 'after publication and questions, before award',
      capIfFailed: CONSISTENCY_CAP,
    });
  }
  if (o.lots.length > 0) {
    const numbers = o.lots.map((lot) => lot.number);
    const consecutive = numbers.every((n, i) => n === i + 1);
    checks.push({
      name: 'lots_numbered_consecutively',
      passed: consecutive,
      detail: `lots ${numbers.join(', ')}`,
      capIfFailed: CONSISTENCY_CAP,
    });
  }
  return checks;
}

function deadlineProblem(deadline: string, dates: RfpOutput['other_dates']): string | null {
  const year = Number(deadline.slice(0, 4));
  if (year < 2000 || year > 2099) return `deadline year ${year}`;
  for (const { label, date } of dates) {
    if (BEFORE_DEADLINE.test(label) && daysBetween(date, deadline) < 0)
      return `deadline before "${label}" (${date})`;
    if (AFTER_DEADLINE.test(label) && daysBetween(deadline, date) < 0)
      return `deadline after "${label}" (${date})`;
  }
  return null;
}
