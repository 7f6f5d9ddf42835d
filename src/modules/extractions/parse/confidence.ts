// Per-entity confidence: one additive scheme shared by every extractor, so scores are comparable across types.
//
// score = base(page type) + evidence bonuses, clamped to 5..95 (95 leaves room for cross-page agreement in merge.ts).
//   base:      impressum 70, contact 65, about 55, home 50, legal 45, other 40
//              (an impressum is legally required to name the operator, so what it shows is most likely the lead itself)
//   +15 link:  came from a mailto:/tel: link or Cloudflare email protection (machine-readable, intended as contact)
//   +15 label: a label of the right kind sits right before it ("E-Mail:", "Tel.:", "Geschäftsführer:", "USt-IdNr.:")
//   +5  check: passed a checksum beyond the syntax check (e.g. a German VAT check digit)
//   +20 structured: read from the page's schema.org JSON-LD about its own organisation (stated for machines, typed)
//   -15 guess: reconstructed from an obfuscation ("name [at] firma [dot] de") or weak context (third-party mention)
import type { PageType } from './types';

const PAGE_BASE: Record<PageType, number> = {
  impressum: 70,
  contact: 65,
  about: 55,
  home: 50,
  legal: 45,
  other: 40,
};

export interface Evidence {
  link?: boolean;
  label?: boolean;
  check?: boolean;
  guess?: boolean;
  structured?: boolean;
}

export function score(pageType: PageType, evidence: Evidence): number {
  let value = PAGE_BASE[pageType];
  if (evidence.link) value += 15;
  if (evidence.label) value += 15;
  if (evidence.check) value += 5;
  if (evidence.structured) value += 20;
  if (evidence.guess) value -= 15;
  return Math.max(5, Math.min(95, Math.round(value)));
}
