// The RFP fields scored one by one (../shared/field-confidence) and what each RFP check vouches for.
import type { FieldTrust } from '../shared/field-confidence';

export const RFP_TRUST: FieldTrust = {
  fields: [
    'issuer',
    'title',
    'reference_number',
    'submission_deadline',
    'other_dates',
    'lots',
    'requirements',
    'budget',
    'contact.name',
    'contact.email',
    'contact.phone',
  ],
  checkFields: {
    deadline_plausible: ['submission_deadline', 'other_dates'],
    lots_numbered_consecutively: ['lots'],
  },
};
