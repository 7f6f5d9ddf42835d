// EU eForms notices (Regulation (EU) 2019/1780; the XML TED publishes since 2023, built on UBL 2.3): the
// fields a bidder needs, read from their business terms (BT numbers) rather than from a rendered page.
// Organisations are listed once in the eForms extension and referenced by id (ORG-0001) everywhere else;
// texts may be given in several languages (languageID), of which the notice's own language is taken.

import { toUnits } from '../einvoice/model';
import { attr, descendants, kid, kids, parseXml, text, type XNode } from '../xml';
import { isNoticeRoot, type NoticeRoot } from './detect';

export interface NoticeDate {
  /** What the date is, in English ("Deadline for questions"), with the business term it comes from. */
  label: string;
  term: string;
  /** YYYY-MM-DD or YYYY-MM-DDTHH:MM, the local time as published (the offset is dropped). */
  date: string;
}

export interface Notice {
  root: NoticeRoot;
  /** BT-02 notice type ("cn-standard", "pin-only", "can-standard" …). */
  noticeType: string | null;
  /** BT-702 notice language, ISO 639-3 upper-case ("ENG", "DEU"). */
  language: string | null;
  title: string | null;
  /** BT-22 the buyer's internal reference, else BT-04 the procedure identifier. */
  reference: { value: string; term: string } | null;
  buyer: {
    name: string | null;
    contactName: string | null;
    email: string | null;
    phone: string | null;
  } | null;
  /** BT-131: the earliest deadline for receipt of tenders over all lots. */
  deadline: NoticeDate | null;
  dates: NoticeDate[];
  /** BT-137 lots with their BT-21 titles; a procedure not divided into lots has one lot and lists none. */
  lots: { id: string; title: string }[];
  /** BT-750 selection criteria, BT-70 performance conditions: what a bidder must show or accept. */
  requirements: { text: string; term: string }[];
  /** BT-27 estimated value in units of 1/10,000 (as e-invoice amounts are read), with its currency. */
  budget: { units: number; currency: string | null } | null;
}

/** Notice types that call for competition: the others (prior information only, awards) invite no tender. */
const CALLS_FOR_COMPETITION = /^(cn-|pin-cfc-|qu-sy|subco|pin-tran)/;

export function isCallForCompetition(notice: Notice): boolean {
  return notice.noticeType !== null && CALLS_FOR_COMPETITION.test(notice.noticeType);
}

/** The eForms notice in an XML text, or null when its root is no notice. Throws XmlDocumentError. */
export function readNotice(xml: string): Notice | null {
  const { root, node } = parseXml(xml);
  if (!isNoticeRoot(root)) return null;
  const language = text(node, 'NoticeLanguageCode');
  const local = (parent: XNode | undefined, name: string) => localized(parent, name, language);
  const project = kid(node, 'ProcurementProject');
  const lots = kids(node, 'ProcurementProjectLot');
  const lotTitles = lots.map((lot) => ({
    id: text(lot, 'ID') ?? '',
    title: local(kid(lot, 'ProcurementProject'), 'Name') ?? '',
  }));
  const internal = text(project, 'ID');
  const folder = text(node, 'ContractFolderID');
  return {
    root,
    noticeType: text(node, 'NoticeTypeCode'),
    language,
    title: local(project, 'Name') ?? (lots.length === 1 ? (lotTitles[0]?.title ?? null) : null) ?? null,
    reference: internal
      ? { value: internal, term: 'BT-22' }
      : folder
        ? { value: folder, term: 'BT-04' }
        : null,
    buyer: buyerOf(node, language),
    ...datesOf(node, lots, lotTitles),
    lots: lots.length > 1 ? lotTitles : [],
    requirements: requirementsOf(lots, language),
    budget: budgetOf(project, lots),
  };
}

/** A text element in the notice's language when several are given, else the first. */
function localized(parent: XNode | undefined, name: string, language: string | null): string | null {
  return inLanguage(kids(parent, name), language);
}

function inLanguage(texts: XNode[], language: string | null): string | null {
  const chosen = texts.find((n) => attr(n, 'languageID') === language) ?? texts[0];
  return chosen === undefined ? null : tidy(text(chosen));
}

const tidy = (value: string | null) => (value === null ? null : value.replace(/\s+/g, ' ').trim() || null);

/** The first buyer (BT-500 name, its contact point BT-502 / BT-506 / BT-503), looked up by organisation id. */
function buyerOf(node: XNode, language: string | null): Notice['buyer'] {
  const id = text(kid(node, 'ContractingParty', 'Party'), 'PartyIdentification', 'ID');
  if (!id) return null;
  const company = descendants(node, 'Organization')
    .map((org) => kid(org, 'Company'))
    .find((company) => text(company, 'PartyIdentification', 'ID') === id);
  if (!company) return null;
  const contact = kid(company, 'Contact');
  return {
    // One PartyName per language in multilingual notices.
    name: inLanguage(
      kids(company, 'PartyName').flatMap((party) => kids(party, 'Name')),
      language,
    ),
    contactName: text(contact, 'Name'),
    email: text(contact, 'ElectronicMail'),
    phone: text(contact, 'Telephone'),
  };
}

/** "2020-05-11+01:00" and "10:00:00+01:00" → "2020-05-11T10:00": the local time as published. */
function dateTime(date: string | null, time: string | null): string | null {
  const day = /^(\d{4}-\d{2}-\d{2})/.exec(date ?? '')?.[1];
  if (!day) return null;
  const clock = /^(\d{2}:\d{2})/.exec(time ?? '')?.[1];
  return clock ? `${day}T${clock}` : day;
}

function datesOf(
  node: XNode,
  lots: XNode[],
  titles: { id: string }[],
): { deadline: NoticeDate | null; dates: NoticeDate[] } {
  const dates: NoticeDate[] = [];
  const add = (label: string, term: string, date: string | null) => {
    if (date && !dates.some((d) => d.label === label && d.date === date)) dates.push({ label, term, date });
  };
  add('Notice issue date', 'BT-05', dateTime(text(node, 'IssueDate'), text(node, 'IssueTime')));
  const tenders: { lot: string; date: string }[] = [];
  const requests: { lot: string; date: string }[] = [];
  lots.forEach((lot, i) => {
    const process = kid(lot, 'TenderingProcess');
    const period = (name: string) => dateTime(text(process, name, 'EndDate'), text(process, name, 'EndTime'));
    const id = titles[i]?.id ?? '';
    add('Deadline for questions', 'BT-13', period('AdditionalInformationRequestPeriod'));
    const request = period('ParticipationRequestReceptionPeriod');
    if (request) requests.push({ lot: id, date: request });
    const tender = period('TenderSubmissionDeadlinePeriod');
    if (tender) tenders.push({ lot: id, date: tender });
    const opening = kid(process, 'OpenTenderEvent');
    add(
      'Opening of tenders',
      'BT-132',
      dateTime(text(opening, 'OccurrenceDate'), text(opening, 'OccurrenceTime')),
    );
    const planned = kid(lot, 'ProcurementProject', 'PlannedPeriod');
    add('Contract start', 'BT-536', dateTime(text(planned, 'StartDate'), null));
    add('Contract end', 'BT-537', dateTime(text(planned, 'EndDate'), null));
  });
  // An open procedure is due with the tenders (BT-131); a restricted or negotiated one first with the
  // requests to participate (BT-1311), the tenders coming later by invitation.
  const [kind, due] = tenders.length
    ? (['Deadline for receipt of tenders', tenders] as const)
    : (['Deadline for requests to participate', requests] as const);
  const term = tenders.length ? 'BT-131' : 'BT-1311';
  if (tenders.length)
    for (const r of requests) add('Deadline for requests to participate', 'BT-1311', r.date);
  const [first, ...later] = [...due].sort((a, b) => a.date.localeCompare(b.date));
  // Lots due later keep their own deadline beside the earliest, which is the one a bidder must meet first.
  for (const other of later) if (other.date !== first?.date) add(`${kind} (${other.lot})`, term, other.date);
  return { deadline: first ? { label: kind, term, date: first.date } : null, dates };
}

function requirementsOf(lots: XNode[], language: string | null): Notice['requirements'] {
  const found: Notice['requirements'] = [];
  const add = (value: string | null, term: string) => {
    if (value && !found.some((r) => r.text === value)) found.push({ text: value, term });
  };
  for (const lot of lots) {
    for (const criterion of descendants(lot, 'SelectionCriteria'))
      add(localized(criterion, 'Description', language), 'BT-750');
    for (const condition of descendants(lot, 'ContractExecutionRequirement'))
      add(localized(condition, 'Description', language), 'BT-70');
  }
  return found;
}

/** BT-27 of the procedure; else the lots' values added up when they share one currency. */
function budgetOf(project: XNode | undefined, lots: XNode[]): Notice['budget'] {
  const value = (parent: XNode | undefined) =>
    kid(parent, 'RequestedTenderTotal', 'EstimatedOverallContractAmount');
  const own = value(project);
  const units = toUnits(text(own));
  if (own && units !== null) return { units, currency: attr(own, 'currencyID') };
  const perLot = lots.map((lot) => value(kid(lot, 'ProcurementProject'))).filter((v) => v !== undefined);
  const currencies = new Set(perLot.map((v) => attr(v, 'currencyID')));
  const amounts = perLot.map((v) => toUnits(text(v)));
  if (perLot.length === 0 || perLot.length !== lots.length || currencies.size !== 1) return null;
  if (amounts.some((a) => a === null)) return null;
  return {
    units: amounts.reduce<number>((sum, a) => sum + (a ?? 0), 0),
    currency: [...currencies][0] ?? null,
  };
}
