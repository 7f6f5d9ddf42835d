// extractEntities: runs every extractor over one parsed page (its text and its JSON-LD) and de-duplicates within the page.
import { extractAddresses } from './address';
import { extractBusinessNames } from './business-name';
import { extractCompanies } from './company';
import { extractEmails } from './emails';
import { entityKey } from './merge';
import { extractPersons } from './persons';
import { extractPhones } from './phones';
import { extractRegisters } from './register';
import { extractStructured } from './structured';
import { extractTradingNames } from './trading-name';
import type { Entity, PageType, ParsedPage } from './types';
import { extractVatIds } from './vat-id';

// The controller's block, headed in the six languages ("Verantwortlicher", "Responsable du traitement",
// "Responsable del tratamiento", "Titolare del trattamento", "Verwerkingsverantwoordelijke").
// Also the owner's block a combined legal-and-privacy page opens with ("Titular:", "Datos identificativos", "Éditeur du
// site", "Dati identificativi").
const CONTROLLER =
  /verantwortlich\p{L}*|verantwortliche stelle|controller|responsible (?:party|body)|responsable (?:du|del) tra(?:itement|tamiento)|titolare del trattamento|(?:verwerkings)?verantwoordelijke|^titular\b|datos identificativos|[ée]diteur du site|dati identificativi/gimu;
const NUMBERED_HEADING = /^(?:\d{1,2}\.|[IVX]{1,4}\.)\s/;
// A sentence stating the operator's own registration, which terms and legal pages print outside any controller block:
// "X Ltd is registered in England and Wales, company number 09418273. Registered office: … VAT registration number …",
// "X is operated by A and B in partnership (ABN 51 824 753 556)", "This website is operated by X LLC", and the trade
// name it does business under ("X LLC, an Idaho limited liability company doing business as Y", "X Ltd trading as Y").
// The same in the other languages: "ingeschreven bij de Kamer van Koophandel onder nummer …, btw-identificatienummer
// …", "immatriculée au RCS de Lyon", "inscrita en el Registro Mercantil", "iscritta al Registro delle Imprese",
// "eingetragen im Handelsregister", "matriculada na Conservatória".
const REGISTRATION_STATEMENT =
  /registered in (?:england|scotland|wales|northern ireland|ireland)|registered office|company (?:registration )?(?:number|no\b)|vat (?:registration )?(?:number|no\b)|\bA[BC]N\b|\bNZBN\b|\b(?:is|are) (?:owned and )?operated by\b|\b(?:doing business|trading) as\b|\bd\/b\/a\b|ingeschreven (?:bij|in) (?:de )?(?:kamer van koophandel|kvk|handelsregister)|btw-(?:identificatie)?nummer|immatricul\p{L}* au|inscrit\p{L}* au (?:rcs|registre)|inscrit\p{L}* en el registro mercantil|iscritt\p{L}* (?:al|nel|presso il) registro delle imprese|eingetragen im (?:handels|partnerschafts)register|matriculad\p{L}* na conservat[óo]ria/iu;

/**
 * A privacy policy cites authorities and processors with full contact data; only the controller block (the few lines
 * after "Verantwortlich…") describes the lead, so extraction on 'legal' pages sees just those lines — and the lines
 * stating the operator's registration. Emails are the exception (see extractEntities).
 */
function controllerZone(page: ParsedPage): ParsedPage {
  const lines = page.text.split('\n');
  const keep = new Set<number>();
  lines.forEach((line, i) => {
    if (REGISTRATION_STATEMENT.test(line)) keep.add(i);
    CONTROLLER.lastIndex = 0;
    if (!CONTROLLER.test(line)) return;
    let chars = 0;
    for (let j = i; j < lines.length && j < i + 7 && chars < 400; j++) {
      const next = lines[j] ?? '';
      if (j > i && NUMBERED_HEADING.test(next)) break;
      keep.add(j);
      chars += next.length;
    }
  });
  const text = [...keep]
    .sort((a, b) => a - b)
    .map((i) => lines[i])
    .join('\n');
  return { ...page, text, tels: [] };
}

/** Entities found on one page; region is the default phone region ('DE', 'GB', 'US', ...). */
export function extractEntities(parsed: ParsedPage, pageType: PageType, region: string): Entity[] {
  const page = pageType === 'legal' ? controllerZone(parsed) : parsed;
  const all = [
    ...extractCompanies(page, pageType),
    ...extractBusinessNames(page, pageType),
    ...extractTradingNames(page, pageType),
    ...extractAddresses(page, pageType),
    ...extractPersons(page, pageType),
    // An address on the site's own domain is the business's wherever a legal page prints it ("Remittances to
    // accounts@…" in the terms); extractEmails keeps only those on legal pages, so it reads the whole page.
    ...extractEmails(pageType === 'legal' ? parsed : page, pageType),
    ...extractPhones(page, pageType, region),
    ...extractVatIds(page, pageType),
    ...extractRegisters(page, pageType),
    ...extractStructured(parsed, pageType, region),
  ];
  // One entry per value: the best-scoring occurrence, keeping the first role seen (labels come before captions).
  const byKey = new Map<string, Entity>();
  for (const entity of all) {
    const key = `${entity.type}\n${entityKey(entity)}`;
    const current = byKey.get(key);
    if (!current) byKey.set(key, entity);
    else {
      const role = current.role ?? entity.role;
      const longer = entity.value.length > current.value.length ? entity.value : current.value;
      const keep = entity.confidence > current.confidence ? entity : current;
      byKey.set(key, {
        ...keep,
        ...(role ? { role } : {}),
        value: keep.type === 'PERSON' || keep.type === 'REGISTER' ? longer : keep.value,
      });
    }
  }
  return [...byKey.values()];
}
