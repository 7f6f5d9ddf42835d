// TENDER for EU eForms notices: the XML is the notice, read exactly by its business terms rather than
// guessed from a page. Its confidence is 100 unless a check fails:
//  - title, buyer or deadline missing → 60 (a prior information or award notice has no deadline: it calls
//    for no tender, which is named in its own check → 60);
//  - the deadline contradicts the other dates, or lots are not numbered 1..n → 70.
import { unitsToMinor } from '../../einvoice/model';
import { isCallForCompetition, type Notice, readNotice } from '../../notices';
import type { DocumentText, ModuleResult, SourceRef } from '../../types';
import {
  MISSING_REQUIRED_CAP,
  publicChecks,
  requiredFieldsCheck,
  type ScoredCheck,
} from '../shared/confidence';
import { rfpChecks } from './checks';
import { coverage } from './coverage';
import type { RfpOutput } from './schema';

/** ISO 639-3 (eForms) → the output's language codes. */
const LANGUAGES: Record<string, RfpOutput['language']> = {
  DEU: 'de',
  ENG: 'en',
  FRA: 'fr',
  NLD: 'nl',
  SPA: 'es',
  ITA: 'it',
};

/**
 * Reads the document's notice. `readText` is the text engine, the whole result when the XML cannot be read
 * (malformed, or with a DTD): then capped, with the reason named, so a person looks.
 */
export function processNotice(
  doc: DocumentText & { notice: { name: string; xml: string } },
  readText: (doc: DocumentText) => ModuleResult<RfpOutput>,
): ModuleResult<RfpOutput> {
  let notice: Notice | null;
  try {
    notice = readNotice(doc.notice.xml);
  } catch (error) {
    const text = readText(doc);
    const detail = `${doc.notice.name}: ${error instanceof Error ? error.message : String(error)}`;
    return {
      ...text,
      confidence: Math.min(text.confidence, MISSING_REQUIRED_CAP),
      checks: [{ name: 'notice_readable', passed: false, detail }, ...text.checks],
    };
  }
  if (!notice) return readText(doc);
  const output = rfpOutput(notice, (term) => ({
    page: null,
    line: null,
    text: `${doc.notice.name} ${term}`,
  }));
  const checks: ScoredCheck[] = [
    requiredFieldsCheck(coverage(output, output.lots.length === 0)),
    ...rfpChecks(output),
  ];
  if (!isCallForCompetition(notice))
    checks.push({
      name: 'notice_calls_for_tenders',
      passed: false,
      detail: `a ${notice.noticeType ?? 'notice of unknown type'} notice calls for no tenders`,
      capIfFailed: MISSING_REQUIRED_CAP,
    });
  const confidence = Math.min(100, ...checks.filter((c) => !c.passed).map((c) => c.capIfFailed));
  return {
    output,
    confidence,
    checks: publicChecks(checks),
    model: `xml:eforms/${notice.noticeType ?? notice.root}`,
  };
}

function rfpOutput(n: Notice, from: (term: string) => SourceRef): RfpOutput {
  const source: Record<string, SourceRef> = {};
  const take = <T>(path: string, term: string, value: T | null | undefined): T | null => {
    if (value === null || value === undefined) return null;
    source[path] = from(term);
    return value;
  };
  const currency = n.budget?.currency?.toLowerCase() ?? null;
  return {
    issuer: take('issuer', 'BT-500', n.buyer?.name),
    title: take('title', 'BT-21', n.title),
    reference_number: take('reference_number', n.reference?.term ?? '', n.reference?.value),
    submission_deadline: take('submission_deadline', n.deadline?.term ?? '', n.deadline?.date),
    other_dates: n.dates.map(({ label, term, date }) => ({ label, date, source: from(term) })),
    // eForms numbers lots LOT-0001 …; the output numbers them in order, as the checks expect.
    lots: n.lots.map((lot, i) => ({
      number: i + 1,
      title: lot.title || lot.id,
      source: from(`BT-137 ${lot.id}`),
    })),
    requirements: n.requirements.map((r) => ({ text: r.text, level: 'must', source: from(r.term) })),
    budget: take('budget', 'BT-27', n.budget && { amount: unitsToMinor(n.budget.units, currency), currency }),
    contact: {
      name: take('contact.name', 'BT-502', n.buyer?.contactName),
      email: take('contact.email', 'BT-506', n.buyer?.email),
      phone: take('contact.phone', 'BT-503', n.buyer?.phone),
    },
    language: LANGUAGES[n.language ?? ''] ?? 'unknown',
    source,
  };
}
