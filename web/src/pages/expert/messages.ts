// The expert's review texts, English and German: the review queue, one review with its document and the
// generic result editor, the PDF viewer, and why a task needs review. The invoice form has its own
// catalogue (invoice/messages.ts).
import { defineMessages } from '../../i18n/define';

const TASK_KINDS_EN: Record<string, string> = {
  process_invoice: 'Invoice',
  parse_rfp: 'Tender document',
  extract_leads: 'Lead search',
};
const TASK_KINDS_DE: Record<string, string> = {
  process_invoice: 'Rechnung',
  parse_rfp: 'Ausschreibung',
  extract_leads: 'Lead-Suche',
};

/** The result fields of the task types other than invoices (TENDER/parse_rfp, LEADS), by output key. */
const OUTPUT_FIELDS_EN: Record<string, string> = {
  issuer: 'Issuer',
  title: 'Title',
  reference_number: 'Reference number',
  submission_deadline: 'Submission deadline',
  other_dates: 'Other dates',
  lots: 'Lots',
  requirements: 'Requirements',
  budget: 'Budget',
  contact: 'Contact',
  language: 'Language',
  currency: 'Currency',
  url: 'Website',
};
const OUTPUT_FIELDS_DE: Record<string, string> = {
  issuer: 'Vergabestelle',
  title: 'Titel',
  reference_number: 'Aktenzeichen',
  submission_deadline: 'Angebotsfrist',
  other_dates: 'Weitere Termine',
  lots: 'Lose',
  requirements: 'Anforderungen',
  budget: 'Budget',
  contact: 'Kontakt',
  language: 'Sprache',
  currency: 'Währung',
  url: 'Website',
};

/** The word for a key, or the key itself spaced ("reference_number" → "Reference number"). */
const wordFor = (words: Record<string, string>, key: string) =>
  Object.hasOwn(words, key)
    ? (words[key] as string)
    : key.replaceAll('_', ' ').replace(/^\w/, (c) => c.toUpperCase());

export const expertMessages = defineMessages(
  {
    // The review queue
    queueTitle: 'Review queue',
    queueIntro:
      "Tasks whose AI confidence fell below the engagement's threshold. Check each against its document, then approve it (with corrections if needed) or reject it to have it processed again.",
    reviewSaved: (title: string) => `Review saved: “${title}”.`,
    nothingToReview: 'Nothing to review',
    nothingToReviewBody: 'New tasks that need your judgement appear here as soon as the AI has read them.',
    task: 'Task',
    engagement: 'Engagement',
    kind: 'Type',
    created: 'Created',
    taskKind: (type: string) => wordFor(TASK_KINDS_EN, type),

    // One review
    reviewTitle: 'Review',
    backToQueue: '← Review queue',
    createdOn: (date: string) => `created ${date}`,
    notWaiting: (decided: boolean) =>
      `This task is no longer waiting for review${decided ? ' (already decided)' : ''}.`,
    document: 'Document',
    aiResult: 'AI result',
    model: 'Model',
    notes: 'Notes',
    notesHint: 'Optional for an approval; required to reject',
    notesRequired: 'Say what is wrong: the notes go with the task when it is processed again',
    approve: 'Approve',
    approveCorrected: 'Approve with corrections',
    reject: 'Reject',
    changedHint: 'You changed the result: approve it with your corrections.',
    invalidHint: 'Some fields are not valid yet (see the messages beside them): correct them to approve.',
    noResult: 'No result',
    noResultBody: 'The AI produced no result for this task.',

    // Why it needs review
    allPassedLow: (confidence: string, threshold: string) =>
      `Every check passed, but the confidence (${confidence}) is below this engagement's threshold of ${threshold}.`,
    whyReview: 'Why it needs review:',
    heldAt: (confidence: string, threshold: string) =>
      `This held the confidence at ${confidence}, below the threshold of ${threshold}.`,
    found: (detail: string) => `Found: ${detail}.`,
    unknownRule: (words: string) => `E-invoice: the EN 16931 rule on ${words} is not met.`,
    unknownCheck: (words: string) => `Check “${words}” failed.`,

    // The generic result editor
    outputField: (key: string) => wordFor(OUTPUT_FIELDS_EN, key),
    readFrom: (text: string) => `Read from: “${text}”`,
    notAnAmount: (example: string) => `Not an amount: type digits, e.g. ${example}`,
    notANumber: (example: string) => `Not a number: type digits, e.g. ${example}`,
    notJson: 'Not valid JSON: check the brackets, quotes and commas',

    // The document
    website: (url: string) => `Website: ${url}`,
    noDocument: 'This task has no document.',
    loadingDocument: 'Loading the document…',
    documentOf: (title: string) => `Document of ${title}`,
    viewerFailed: "The page viewer could not load: here is the browser's own, without the fields' boxes.",
    cannotShow: 'This document type cannot be shown in the browser.',
    download: 'Download the document',

    // The PDF viewer
    toolbar: 'Document',
    previousPage: '← Previous page',
    nextPage: 'Next page →',
    pageOf: (page: string, pages: string) => `Page ${page} of ${pages}`,
    pageLabel: (title: string, page: string, pages: string) => `${title}, page ${page} of ${pages}`,
    zoomOut: 'Zoom out',
    zoomIn: 'Zoom in',
    fitWidth: 'Fit to width',
  },
  {
    queueTitle: 'Prüfungen',
    queueIntro:
      'Aufgaben, bei denen die KI sich weniger sicher war, als der Auftrag verlangt. Prüfen Sie jede anhand ihres Dokuments und geben Sie sie dann frei (bei Bedarf mit Korrekturen) oder lehnen Sie sie ab, damit sie erneut verarbeitet wird.',
    reviewSaved: (title: string) => `Prüfung gespeichert: „${title}“.`,
    nothingToReview: 'Nichts zu prüfen',
    nothingToReviewBody:
      'Neue Aufgaben, die Ihr Urteil brauchen, erscheinen hier, sobald die KI sie gelesen hat.',
    task: 'Aufgabe',
    engagement: 'Auftrag',
    kind: 'Art',
    created: 'Erstellt',
    taskKind: (type: string) => wordFor(TASK_KINDS_DE, type),

    reviewTitle: 'Prüfung',
    backToQueue: '← Prüfungen',
    createdOn: (date: string) => `erstellt am ${date}`,
    notWaiting: (decided: boolean) =>
      `Diese Aufgabe wartet nicht mehr auf eine Prüfung${decided ? ' (bereits entschieden)' : ''}.`,
    document: 'Dokument',
    aiResult: 'KI-Ergebnis',
    model: 'Modell',
    notes: 'Notizen',
    notesHint: 'Für eine Freigabe freiwillig, für eine Ablehnung nötig',
    notesRequired:
      'Schreiben Sie, was falsch ist: Die Notizen gehen mit der Aufgabe in die erneute Verarbeitung',
    approve: 'Freigeben',
    approveCorrected: 'Mit Korrekturen freigeben',
    reject: 'Ablehnen',
    changedHint: 'Sie haben das Ergebnis geändert: Geben Sie es mit Ihren Korrekturen frei.',
    invalidHint:
      'Einige Felder sind noch nicht gültig (siehe die Hinweise daneben): Korrigieren Sie sie, um freizugeben.',
    noResult: 'Kein Ergebnis',
    noResultBody: 'Die KI hat für diese Aufgabe kein Ergebnis geliefert.',

    allPassedLow: (confidence: string, threshold: string) =>
      `Alle Prüfungen bestanden, aber die Konfidenz (${confidence}) liegt unter der Schwelle dieses Auftrags von ${threshold}.`,
    whyReview: 'Warum eine Prüfung nötig ist:',
    heldAt: (confidence: string, threshold: string) =>
      `Das hielt die Konfidenz bei ${confidence}, unter der Schwelle von ${threshold}.`,
    found: (detail: string) => `Gefunden: ${detail}.`,
    unknownRule: (words: string) => `E-Rechnung: Die Regel der EN 16931 zu „${words}“ ist nicht erfüllt.`,
    unknownCheck: (words: string) => `Die Prüfung „${words}“ ist fehlgeschlagen.`,

    outputField: (key: string) => wordFor(OUTPUT_FIELDS_DE, key),
    readFrom: (text: string) => `Gelesen aus: „${text}“`,
    notAnAmount: (example: string) => `Kein Betrag: Geben Sie Ziffern ein, z. B. ${example}`,
    notANumber: (example: string) => `Keine Zahl: Geben Sie Ziffern ein, z. B. ${example}`,
    notJson: 'Kein gültiges JSON: Prüfen Sie Klammern, Anführungszeichen und Kommas',

    website: (url: string) => `Website: ${url}`,
    noDocument: 'Diese Aufgabe hat kein Dokument.',
    loadingDocument: 'Dokument wird geladen…',
    documentOf: (title: string) => `Dokument zu ${title}`,
    viewerFailed:
      'Die Seitenansicht ließ sich nicht laden: Hier ist die des Browsers, ohne die Markierungen der Felder.',
    cannotShow: 'Diese Art von Dokument kann der Browser nicht anzeigen.',
    download: 'Dokument herunterladen',

    toolbar: 'Dokument',
    previousPage: '← Vorherige Seite',
    nextPage: 'Nächste Seite →',
    pageOf: (page: string, pages: string) => `Seite ${page} von ${pages}`,
    pageLabel: (title: string, page: string, pages: string) => `${title}, Seite ${page} von ${pages}`,
    zoomOut: 'Verkleinern',
    zoomIn: 'Vergrößern',
    fitWidth: 'An die Breite anpassen',
  },
);

/** What each check of the AI result means, in words a bookkeeper reads without knowing the engine. */
export const checkSentences = defineMessages(
  {
    required_fields_present: 'Some fields an invoice must have were not found.',
    net_plus_vat_equals_gross: 'Net plus VAT does not add up to the gross amount.',
    vat_matches_rate: 'The VAT amount does not match the VAT rate applied to the net.',
    vat_split_by_rate:
      'The invoice has several VAT rates, but the VAT per rate could not be read: please fill in the breakdown.',
    vat_bases_sum_to_net: 'The taxable amounts per VAT rate do not add up to the net amount.',
    line_items_sum_to_net: 'The line items do not add up to the net amount.',
    line_items_arithmetic: 'A line item’s quantity times unit price is not its amount.',
    line_items_present: 'No line items were found.',
    iban_checksum:
      'The IBAN as printed fails its checksum: probably a typo on the invoice or a misread digit.',
    vat_id_format: 'A VAT ID does not have the format of its country.',
    vat_ids_attributed:
      'The invoice shows two VAT IDs but they could not both be attributed: please check which is the supplier’s.',
    parties_distinct: 'The supplier and the recipient could not be told apart.',
    dates_plausible: 'The dates do not fit together.',
    service_date_label_known:
      'The date of supply was read under a label the reader does not know: please confirm it is the date of supply.',
    duplicate_invoice: 'This invoice looks like one already processed.',
    rejection_addressed: 'This task was rejected before and reads the same way again.',
    text_layer: 'The PDF has little or no text layer (a scan?), so the reading is uncertain.',
    xml_matches_page: 'The embedded e-invoice data differs from what the page shows.',
    einvoice_readable: 'The embedded e-invoice could not be read.',
    ai_agrees_with_embedded: 'The AI reading disagrees with the embedded e-invoice data.',
    en16931_line_total: 'E-invoice: the line totals do not add up to the stated sum of lines.',
    en16931_tax_basis:
      'E-invoice: the taxable amount does not follow from the lines, allowances and charges.',
    en16931_vat_total: 'E-invoice: the VAT total does not equal the sum of the VAT per category.',
    en16931_vat_per_category: 'E-invoice: the VAT of a category does not match its rate and taxable amount.',
    en16931_vat_breakdown_basis: 'E-invoice: the taxable amounts per VAT category do not add up to the net.',
    en16931_gross: 'E-invoice: the total without VAT plus VAT is not the total with VAT.',
    en16931_amount_due: 'E-invoice: the amount due does not follow from the total, prepaid and rounding.',
    line_items_complete:
      'A line item was read only in part (its quantity or unit price is missing, or its cells ran into the description).',
    line_items_read: 'Lines with amounts above the totals were not read as line items: please add them.',
    supplier_address_found: 'The supplier’s address was not found on the page.',
    party_names_plausible:
      'A party’s name reads like a label, a number or a code: please enter the real name.',
    vat_bases_printed:
      'The taxable amount per VAT rate is not printed; it was worked out from the VAT and may be off by cents.',
    due_date_read: 'A payment line names a date, but no due date was read: please enter the due date.',
    service_period_read:
      'The page prints a period of dates that was not read as the period of supply: please confirm or enter it.',
    deadline_plausible: 'The submission deadline does not fit the other dates of the notice.',
    lots_numbered_consecutively: 'The lots are not numbered one after another: a lot may be missing.',
    notice_calls_for_tenders: 'This notice does not look like a call for tenders.',
    notice_readable: 'The notice could not be read as structured data.',
    contacts_found: 'No way to contact the company was found.',
    legal_identity_found: 'No legal details (company name, register, VAT ID) were found.',
    site_reachable: 'The website could not be reached.',
    extraction: 'The website could not be mined completely.',
    ai_answer_valid: 'The AI’s answer did not have the expected form.',
  },
  {
    required_fields_present: 'Einige Angaben, die eine Rechnung haben muss, wurden nicht gefunden.',
    net_plus_vat_equals_gross: 'Netto plus USt. ergibt nicht den Bruttobetrag.',
    vat_matches_rate: 'Der USt.-Betrag passt nicht zum USt.-Satz auf den Nettobetrag.',
    vat_split_by_rate:
      'Die Rechnung hat mehrere Steuersätze, aber die USt. je Satz ließ sich nicht lesen: bitte die Aufteilung ergänzen.',
    vat_bases_sum_to_net: 'Die Bemessungsgrundlagen je Steuersatz ergeben nicht den Nettobetrag.',
    line_items_sum_to_net: 'Die Positionen ergeben nicht den Nettobetrag.',
    line_items_arithmetic: 'Bei einer Position ist Menge mal Einzelpreis nicht ihr Betrag.',
    line_items_present: 'Es wurden keine Positionen gefunden.',
    iban_checksum:
      'Die gedruckte IBAN besteht ihre Prüfsumme nicht: wahrscheinlich ein Tippfehler auf der Rechnung oder eine falsch gelesene Ziffer.',
    vat_id_format: 'Eine USt-IdNr. hat nicht das Format ihres Landes.',
    vat_ids_attributed:
      'Die Rechnung zeigt zwei USt-IdNr., die sich nicht beiden Parteien zuordnen ließen: bitte prüfen, welche die des Lieferanten ist.',
    parties_distinct: 'Rechnungssteller und Rechnungsempfänger ließen sich nicht unterscheiden.',
    dates_plausible: 'Die Datumsangaben passen nicht zusammen.',
    service_date_label_known:
      'Das Leistungsdatum stand unter einer Bezeichnung, die das Lesen nicht kennt: bitte bestätigen, dass es das Leistungsdatum ist.',
    duplicate_invoice: 'Diese Rechnung sieht aus wie eine, die schon verarbeitet wurde.',
    rejection_addressed: 'Diese Aufgabe wurde schon einmal abgelehnt und liest sich wieder genauso.',
    text_layer: 'Das PDF hat kaum oder keine Textebene (ein Scan?), daher ist das Gelesene unsicher.',
    xml_matches_page: 'Die eingebetteten E-Rechnungsdaten weichen von dem ab, was die Seite zeigt.',
    einvoice_readable: 'Die eingebettete E-Rechnung konnte nicht gelesen werden.',
    ai_agrees_with_embedded: 'Die KI hat etwas anderes gelesen, als die eingebettete E-Rechnung enthält.',
    en16931_line_total: 'E-Rechnung: Die Positionsbeträge ergeben nicht die angegebene Summe der Positionen.',
    en16931_tax_basis:
      'E-Rechnung: Der steuerpflichtige Betrag folgt nicht aus Positionen, Nachlässen und Zuschlägen.',
    en16931_vat_total: 'E-Rechnung: Die USt.-Summe ist nicht die Summe der USt. je Kategorie.',
    en16931_vat_per_category:
      'E-Rechnung: Die USt. einer Kategorie passt nicht zu ihrem Satz und ihrem steuerpflichtigen Betrag.',
    en16931_vat_breakdown_basis:
      'E-Rechnung: Die steuerpflichtigen Beträge je USt.-Kategorie ergeben nicht den Nettobetrag.',
    en16931_gross: 'E-Rechnung: Gesamtbetrag ohne USt. plus USt. ist nicht der Gesamtbetrag mit USt.',
    en16931_amount_due:
      'E-Rechnung: Der fällige Betrag folgt nicht aus Gesamtbetrag, Vorauszahlung und Rundung.',
    line_items_complete:
      'Eine Position wurde nur teilweise gelesen (Menge oder Einzelpreis fehlt, oder ihre Spalten sind in die Beschreibung geraten).',
    line_items_read:
      'Zeilen mit Beträgen über den Summen wurden nicht als Positionen gelesen: bitte ergänzen.',
    supplier_address_found: 'Die Anschrift des Lieferanten wurde auf der Seite nicht gefunden.',
    party_names_plausible:
      'Ein Name einer Partei liest sich wie eine Bezeichnung, eine Zahl oder ein Code: bitte den richtigen Namen eintragen.',
    vat_bases_printed:
      'Die Bemessungsgrundlage je Steuersatz ist nicht gedruckt; sie wurde aus der USt. errechnet und kann um Cent abweichen.',
    due_date_read:
      'Eine Zahlungszeile nennt ein Datum, aber kein Fälligkeitsdatum wurde gelesen: bitte das Fälligkeitsdatum eintragen.',
    service_period_read:
      'Die Seite nennt einen Zeitraum, der nicht als Leistungszeitraum gelesen wurde: bitte bestätigen oder eintragen.',
    deadline_plausible: 'Die Angebotsfrist passt nicht zu den anderen Daten der Bekanntmachung.',
    lots_numbered_consecutively: 'Die Lose sind nicht fortlaufend nummeriert: vielleicht fehlt ein Los.',
    notice_calls_for_tenders: 'Diese Bekanntmachung sieht nicht nach einer Ausschreibung aus.',
    notice_readable: 'Die Bekanntmachung ließ sich nicht als strukturierte Daten lesen.',
    contacts_found: 'Es wurde kein Weg gefunden, das Unternehmen zu erreichen.',
    legal_identity_found: 'Es wurden keine rechtlichen Angaben (Firma, Register, USt-IdNr.) gefunden.',
    site_reachable: 'Die Website war nicht erreichbar.',
    extraction: 'Die Website ließ sich nicht vollständig auswerten.',
    ai_answer_valid: 'Die Antwort der KI hatte nicht die erwartete Form.',
  },
);
