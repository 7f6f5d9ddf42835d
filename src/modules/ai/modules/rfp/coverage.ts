// Which RFP fields were found and how much each weighs in the confidence (see tender.ts for the scale).
import type { FieldScore } from '../shared/confidence';
import type { RfpOutput } from './schema';

/** `noLots`: the document never mentions lots, so there are none to miss. */
export function coverage(o: RfpOutput, noLots: boolean): Record<string, FieldScore> {
  return {
    title: { weight: 20, found: o.title !== null, required: true },
    issuer: { weight: 20, found: o.issuer !== null, required: true },
    submission_deadline: { weight: 25, found: o.submission_deadline !== null, required: true },
    reference_number: { weight: 12, found: o.reference_number !== null },
    requirements: { weight: 10, found: o.requirements.length > 0 },
    contact: { weight: 5, found: o.contact.email !== null || o.contact.phone !== null },
    other_dates: { weight: 4, found: o.other_dates.length > 0 },
    budget: { weight: 2, found: o.budget !== null },
    lots: { weight: 2, found: o.lots.length > 0 || noLots },
  };
}
