// Merging entities across pages and the overall confidence of an extraction.
//
// Merge: entities with the same normalised value (entityKey) are one entity. Each distinct page counts once (its best
// score); agreement raises confidence like independent evidence: 1 - Π(1 - c_i/100) over pages, capped at 99.
// So 70 alone stays 70, 70 + 50 → 85, 85 + 85 → 98. The value, role and source_url come from the best occurrence
// (highest score; ties: an impressum page first); PERSON and REGISTER take the longest spelling (title, court).
//
// Overall confidence: a weighted coverage score, each part weighted by the best confidence found for it:
//   company name 25, address 20, a contact channel (best of email/phone) 25, a second channel +5,
//   register 10, VAT id 10, person 5 = 100. An impressum with all of them scores ~85-95; nothing found scores 0.
import { classifyPath } from './links';
import type { Entity, EntityType } from './types';

const TYPE_ORDER: EntityType[] = [
  'EMAIL',
  'PHONE',
  'PERSON',
  'COMPANY_NAME',
  'ADDRESS',
  'VAT_ID',
  'REGISTER',
];
const TITLES =
  /\b(?:prof|dr|dipl|ing|mag|med|rer|nat|jur|phil|h\. ?c|kfm|kffr|herr|frau|mr|mrs|ms)\b\.?-?/giu;

/** The normalised form two entities of the same type are compared by. */
export function entityKey(entity: Pick<Entity, 'type' | 'value'>): string {
  const value = entity.value.toLowerCase().trim();
  switch (entity.type) {
    case 'PERSON':
      return value
        .replace(TITLES, ' ')
        .replace(/[^\p{L}]+/gu, ' ')
        .trim();
    case 'ADDRESS':
      // An Italian town with or without its province ("40127 Bologna (BO)", "40127 Bologna") is one address.
      return value
        .replace(/stra(?:ß|ss)e\b|str\./gu, 'str')
        .replace(/\s*\([a-z]{2}\)\s*$/u, '')
        .replace(/[^\p{L}\d]+/gu, '');
    case 'REGISTER':
      return (value.split(',')[0] ?? '').replace(/[^\p{L}\d]+/gu, '');
    case 'COMPANY_NAME':
    case 'VAT_ID':
    case 'PHONE':
      return value.replace(/[^\p{L}\d+&]+/gu, '');
    default:
      return value;
  }
}

const isImpressum = (url: string) => classifyPath(url) === 'impressum';

function better(a: Entity, b: Entity): Entity {
  if (a.confidence !== b.confidence) return a.confidence > b.confidence ? a : b;
  return isImpressum(b.source_url) && !isImpressum(a.source_url) ? b : a;
}

/** Merges duplicates across pages, raising confidence with agreement. Sorted by type then confidence desc. */
export function mergeEntities(entities: Entity[]): Entity[] {
  const groups = new Map<string, Entity[]>();
  for (const entity of entities) {
    const key = `${entity.type}\n${entityKey(entity)}`;
    const group = groups.get(key);
    if (group) group.push(entity);
    else groups.set(key, [entity]);
  }
  absorbShortCompanyNames(groups);
  const merged: Entity[] = [];
  for (const group of groups.values()) {
    const perPage = new Map<string, number>();
    for (const e of group) perPage.set(e.source_url, Math.max(perPage.get(e.source_url) ?? 0, e.confidence));
    const miss = [...perPage.values()].reduce(
      (product, c) => product * (1 - Math.min(100, Math.max(0, c)) / 100),
      1,
    );
    const best = group.reduce(better);
    const role = best.role ?? group.find((e) => e.role)?.role;
    const value =
      best.type === 'PERSON' || best.type === 'REGISTER'
        ? group.reduce((longest, e) => (e.value.length > longest.length ? e.value : longest), best.value)
        : best.value;
    const entity: Entity = {
      type: best.type,
      value,
      confidence: Math.min(99, Math.round(100 * (1 - miss))),
      source_url: best.source_url,
    };
    if (role) entity.role = role;
    merged.push(entity);
  }
  return merged.sort(
    (a, b) => TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type) || b.confidence - a.confidence,
  );
}

/**
 * A company name without legal form that begins one with it ("Café Lindenblatt" and "Café Lindenblatt GbR") is that
 * company: its occurrences count for the longer name, as agreement.
 */
function absorbShortCompanyNames(groups: Map<string, Entity[]>) {
  const keys = [...groups.keys()].filter((key) => key.startsWith('COMPANY_NAME\n'));
  for (const short of keys) {
    const long = keys.find((key) => key.length > short.length && key.startsWith(short) && groups.has(key));
    const into = long ? groups.get(long) : undefined;
    const from = groups.get(short);
    if (!into?.[0] || !from) continue;
    const value = into[0].value;
    into.push(...from.map((entity) => ({ ...entity, value })));
    groups.delete(short);
  }
}

/** Overall extraction confidence 0-100 from what was found (see the weights above). */
export function overallConfidence(entities: Entity[]): number {
  const best = (type: EntityType) =>
    entities.reduce((max, e) => (e.type === type ? Math.max(max, e.confidence) : max), 0) / 100;
  const channels = [best('EMAIL'), best('PHONE')].sort((a, b) => b - a);
  const total =
    25 * best('COMPANY_NAME') +
    20 * best('ADDRESS') +
    25 * (channels[0] ?? 0) +
    5 * (channels[1] ?? 0) +
    10 * best('REGISTER') +
    10 * best('VAT_ID') +
    5 * best('PERSON');
  return Math.max(0, Math.min(100, Math.round(total)));
}
