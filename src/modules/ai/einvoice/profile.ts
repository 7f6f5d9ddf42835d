// Which e-invoice standard and profile a document follows, from its guideline identifier
// (CII: GuidelineSpecifiedDocumentContextParameter, BT-24; UBL: CustomizationID). Named in model_used.

export interface Profile {
  format: string;
  profile: string;
  /** MINIMUM and BASIC WL carry totals but no line items by design. */
  withoutLines: boolean;
}

const FACTURX_PROFILES: [RegExp, string][] = [
  [/minimum/i, 'minimum'],
  [/basicwl/i, 'basic-wl'],
  [/:basic\b/i, 'basic'],
  [/extended/i, 'extended'],
  [/en16931/i, 'en16931'],
];

export function ciiProfile(guideline: string | null, zugferd1: boolean): Profile {
  const id = guideline ?? '';
  if (zugferd1) {
    // urn:ferd:CrossIndustryDocument:invoice:1p0:basic | comfort | extended
    const level = /1p0:(basic|comfort|extended)/i.exec(id)?.[1]?.toLowerCase() ?? 'unknown';
    return { format: 'zugferd1', profile: level, withoutLines: false };
  }
  const xrechnung = /xrechnung_(\d+(?:\.\d+)*)/i.exec(id);
  if (xrechnung) return { format: 'xrechnung-cii', profile: xrechnung[1] ?? '', withoutLines: false };
  if (/peppol/i.test(id)) return { format: 'peppol-cii', profile: 'bis3', withoutLines: false };
  const family = /zugferd\.de/i.test(id) ? 'zugferd2' : 'factur-x';
  const profile = FACTURX_PROFILES.find(([pattern]) => pattern.test(id))?.[1] ?? 'unknown';
  return { format: family, profile, withoutLines: profile === 'minimum' || profile === 'basic-wl' };
}

export function ublProfile(customization: string | null): Profile {
  const id = customization ?? '';
  const xrechnung = /xrechnung_(\d+(?:\.\d+)*)/i.exec(id);
  if (xrechnung) return { format: 'xrechnung-ubl', profile: xrechnung[1] ?? '', withoutLines: false };
  if (/peppol/i.test(id)) return { format: 'peppol', profile: 'bis3', withoutLines: false };
  if (/en16931/i.test(id)) return { format: 'ubl', profile: 'en16931', withoutLines: false };
  return { format: 'ubl', profile: 'unknown', withoutLines: false };
}
