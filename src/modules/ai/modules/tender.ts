// TENDER: parses RFPs. EU eForms notices (XML) are read exactly (./rfp/notice); tender documents by the
// embedded engine, which reads German, English and French ones by their labels, PDF pages set in text columns
// column by column (../text/columns), and a table of lots by its columns (./rfp/lot-table).
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
//  heading, for the title; the lots table's earliest deadline, for the deadline), nothing contradicts the deadline, and at least 15 of the remaining 35
//  weights were found (e.g. reference number and requirements). Anything less is reviewed.

import { documentLines, sourceOf } from '../text';
import type { AiModuleDefinition, DocumentText, ModuleResult } from '../types';
import { rfpChecks } from './rfp/checks';
import { coverage } from './rfp/coverage';
import {
  lotDeadlines,
  mentionsLots,
  rfpBudget,
  rfpContact,
  rfpLots,
  tableBudget,
  tableDeadline,
} from './rfp/details';
import { RFP_TRUST } from './rfp/field-trust';
import { rfpDeadline, rfpIssuer, rfpOtherDates, rfpReference, rfpTitle } from './rfp/header';
import { lotTable } from './rfp/lot-table';
import { processNotice } from './rfp/notice';
import { rfpRequirements } from './rfp/requirements';
import { type RfpOutput, rfpOutputSchema } from './rfp/schema';
import { publicChecks, requiredFieldsCheck, scoreConfidence } from './shared/confidence';
import { fieldConfidence } from './shared/field-confidence';
import { sourceCollector } from './shared/labels';
import { documentInputSchema } from './shared/schema';

/** Trust in a field the text engine found and no check doubted: below an eForms notice's exact 100. */
const FOUND_FIELD_CONFIDENCE = 90;

const instructions = `You read one request for proposals (German, English or French) and return what a bidder needs as JSON.
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
  // The lots table is read by its columns; its cells are no labels or dated lines for the other readers.
  const table = lotTable(lines);
  const prose = table
    ? lines.map((line) => (table.lines.has(line.index) ? { ...line, text: '' } : line))
    : lines;

  const deadline = rfpDeadline(prose) ?? tableDeadline(table);
  const used = new Set(deadline ? [deadline.line.index] : []);
  const contact = rfpContact(prose);
  const submission = take('submission_deadline', deadline);
  const output: RfpOutput = {
    issuer: take('issuer', rfpIssuer(prose)),
    title: take('title', rfpTitle(prose)),
    reference_number: take('reference_number', rfpReference(prose)),
    submission_deadline: submission,
    other_dates: [...rfpOtherDates(prose, used), ...lotDeadlines(table, submission)].map(
      ({ label, date, line }) => ({ label, date, source: sourceOf(line) }),
    ),
    lots: rfpLots(lines, table).map(({ value, line }) => ({ ...value, source: sourceOf(line) })),
    requirements: rfpRequirements(prose, used).map(({ value, line }) => ({
      ...value,
      source: sourceOf(line),
    })),
    budget: take('budget', rfpBudget(prose) ?? tableBudget(table)),
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
  output.field_confidence = fieldConfidence(RFP_TRUST, output, checks, FOUND_FIELD_CONFIDENCE);
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
      // Tender documents are often set in two or three columns; their sections must not interleave.
      readingOrder: 'columns',
    },
  },
} satisfies AiModuleDefinition;
