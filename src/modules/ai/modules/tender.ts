// TENDER: parses RFPs. EU eForms notices (XML) are read exactly (./rfp/notice); tender documents by the
// embedded engine, which reads German and English ones by their labels.
//
// How `confidence` is computed, so that ≥ 80 (the default threshold) is a result to trust unseen:
//  1. Coverage: 100 × weights of the fields found / 100, floored. Required fields weigh 65:
//     title 20, issuer 20, submission_deadline 25. The rest weigh 35: reference_number 12,
//     requirements 10, contact (email or phone) 5, other_dates 4, budget 2, lots 2 (counted as found
//     when the document never mentions lots: then there are none to miss).
//  2. Caps: a missing required field caps at 60; a deadline that contradicts the other dates (before
//     publication or the questions deadline, after award or contract start) or lots not numbered
//     1..n cap at 70.
//  So 80 or more means: title, issuer and deadline were all read by their labels (or the document's
//  heading, for the title), nothing contradicts the deadline, and at least 15 of the remaining 35
//  weights were found (e.g. reference number and requirements). Anything less is reviewed.

import { documentLines, sourceOf } from '../text';
import type { AiModuleDefinition, DocumentText, ModuleResult } from '../types';
import { rfpChecks } from './rfp/checks';
import { coverage } from './rfp/coverage';
import { mentionsLots, rfpBudget, rfpContact, rfpLots } from './rfp/details';
import { rfpDeadline, rfpIssuer, rfpOtherDates, rfpReference, rfpTitle } from './rfp/header';
import { processNotice } from './rfp/notice';
import { rfpRequirements } from './rfp/requirements';
import { type RfpOutput, rfpOutputSchema } from './rfp/schema';
import { publicChecks, requiredFieldsCheck, scoreConfidence } from './shared/confidence';
import { sourceCollector } from './shared/labels';
import { documentInputSchema } from './shared/schema';

const instructions = `You read one request for proposals (German or English) and return what a bidder needs as JSON.
- issuer (the contracting authority), title, reference_number: as printed; null when absent.
- submission_deadline: YYYY-MM-DD, or YYYY-MM-DDTHH:MM when a time is given (local time as printed).
- other_dates: every other dated event as {label, date} with the label as printed ("Frist für Bieterfragen").
- lots: {number, title} per lot ("Los 2: Helpdesk" → 2, "Helpdesk"); [] when the tender is not divided into lots.
- requirements: one entry per requirement, text as printed, level "must" for muss/müssen/zwingend/Mindestanforderung/must/shall/mandatory and "should" for soll/sollte/wünschenswert/should/desirable; bullets under a "Mindestanforderungen"/"Mandatory" heading are "must".
- budget: {amount in integer minor units, currency lower-case ISO 4217} or null. contact: {name, email, phone}.
- language: "de", "en", "fr", "nl", "es", "it" or "unknown".
- source: for each field you fill, {page, line, text} of the line you read it from, keyed by its path ("contact.email"); list entries carry their own source.`;

export function parseRfp(doc: DocumentText): ModuleResult<RfpOutput> {
  const lines = documentLines(doc);
  const { source, take } = sourceCollector();

  const deadline = rfpDeadline(lines);
  const used = new Set(deadline ? [deadline.line.index] : []);
  const contact = rfpContact(lines);
  const output: RfpOutput = {
    issuer: take('issuer', rfpIssuer(lines)),
    title: take('title', rfpTitle(lines)),
    reference_number: take('reference_number', rfpReference(lines)),
    submission_deadline: take('submission_deadline', deadline),
    other_dates: rfpOtherDates(lines, used).map(({ label, date, line }) => ({
      label,
      date,
      source: sourceOf(line),
    })),
    lots: rfpLots(lines).map(({ value, line }) => ({ ...value, source: sourceOf(line) })),
    requirements: rfpRequirements(lines, used).map(({ value, line }) => ({
      ...value,
      source: sourceOf(line),
    })),
    budget: take('budget', rfpBudget(lines)),
    contact: {
      name: take('contact.name', contact.name),
      email: take('contact.email', contact.email),
      phone: take('contact.phone', contact.phone),
    },
    language: doc.language,
    source,
  };

  const fields = coverage(output, !mentionsLots(lines));
  const checks = [requiredFieldsCheck(fields), ...rfpChecks(output)];
  return { output, confidence: scoreConfidence(fields, checks), checks: publicChecks(checks) };
}

export const tenderModule = {
  code: 'TENDER',
  name: 'Tenders',
  description: 'Parses RFPs: issuer, deadlines, lots, requirements, budget',
  taskTypes: {
    parse_rfp: {
      input: documentInputSchema,
      output: rfpOutputSchema,
      embedded: (doc: DocumentText) =>
        doc.notice ? processNotice({ ...doc, notice: doc.notice }, parseRfp) : parseRfp(doc),
      instructions,
    },
  },
} satisfies AiModuleDefinition;
