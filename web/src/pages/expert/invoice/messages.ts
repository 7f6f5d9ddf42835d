// The invoice form's texts, English and German: the fields as a bookkeeper names them, the notes beside a
// field, the line items, the sums in words and the refusals of what cannot be an amount, a date or an IBAN.
// Amounts inside these texts are written by the caller in the document's own number style (ui/amounts.ts).
import { defineMessages, plural } from '../../../i18n/define';

/** Field names by output key (a path's segments: `supplier.vat_id` is Supplier · VAT ID). */
export const invoiceFields = defineMessages(
  {
    document_type: 'Document type',
    invoice_number: 'Invoice number',
    issue_date: 'Issue date',
    due_date: 'Due date',
    service_date: 'Service date',
    service_period: 'Service period',
    supplier: 'Supplier',
    recipient: 'Recipient',
    name: 'Name',
    address: 'Address',
    vat_id: 'VAT ID',
    line_items: 'Line items',
    description: 'Description',
    quantity: 'Quantity',
    unit_price: 'Unit price',
    amount: 'Amount',
    net: 'Net',
    vat_rate: 'VAT rate',
    vat_amount: 'VAT amount',
    gross: 'Gross',
    withholding: 'Income tax withheld',
    vat_breakdown: 'VAT per rate',
    iban: 'IBAN',
    currency: 'Currency',
  },
  {
    document_type: 'Belegart',
    invoice_number: 'Rechnungsnummer',
    issue_date: 'Rechnungsdatum',
    due_date: 'Fälligkeitsdatum',
    service_date: 'Leistungsdatum',
    service_period: 'Leistungszeitraum',
    supplier: 'Rechnungssteller',
    recipient: 'Rechnungsempfänger',
    name: 'Name',
    address: 'Anschrift',
    vat_id: 'USt-IdNr.',
    line_items: 'Positionen',
    description: 'Beschreibung',
    quantity: 'Menge',
    unit_price: 'Einzelpreis',
    amount: 'Betrag',
    net: 'Nettobetrag',
    vat_rate: 'USt.-Satz',
    vat_amount: 'USt.-Betrag',
    gross: 'Bruttobetrag',
    withholding: 'Einbehaltene Einkommensteuer',
    vat_breakdown: 'USt. je Steuersatz',
    iban: 'IBAN',
    currency: 'Währung',
  },
);
export type InvoiceFieldKey = keyof typeof invoiceFields.en;

export const invoiceMessages = defineMessages(
  {
    document: 'Document',
    payment: 'Payment',
    totals: 'Totals',
    invoice: 'Invoice',
    creditNote: 'Credit note (amounts booked negative)',
    periodFrom: 'Service period from',
    periodTo: 'Service period to',
    periodIncomplete: 'Give both dates of the period, or neither',
    currencyInvalid: 'Three letters, e.g. EUR',
    ibanFormat: 'Not an IBAN: two letters, two check digits, then the account (15 to 34 characters)',
    ibanChecksum: 'This IBAN fails its checksum: a digit is wrong or two are swapped',

    lowConfidence: (percent: string) => `Check this: ${percent} sure`,
    learned: 'Learned from an earlier review',
    printed: 'Printed on the document:',
    usePrinted: 'Use printed value',
    readFrom: (text: string) => `Read from: “${text}”`,

    row: (label: string, row: string) => `${label}, row ${row}`,
    remove: 'Remove',
    removeRow: 'Remove row',
    removeRowNumber: (row: string) => `Remove row ${row}`,
    addRow: 'Add a row',
    enterAmount: 'Enter the amount',
    rowMismatch: (expected: string, actual: string) => `Quantity × unit price is ${expected}, not ${actual}.`,
    rowDiscount: (percent: string) => `less ${percent} % discount`,

    doesNotAddUp: 'Does not add up:',
    vatCaption: 'VAT per rate, as stated on the document',
    category: 'Category',
    rate: 'Rate',
    vat: 'VAT',
    noItems: 'No line items to add up.',
    itemsWithoutNet: 'Line items total: no net to compare with.',
    itemsMatch: (sum: string, against: 'net' | 'gross') =>
      `Line items add up to ${sum}, which matches the ${against}.`,
    itemsMismatch: (
      sum: string,
      against: 'net' | 'gross',
      expected: string,
      difference: string,
      over: boolean,
    ) =>
      `Line items add up to ${sum}, but the ${against} is ${expected}: ${difference} ${over ? 'too much' : 'missing'}.`,
    grossUnknown: 'Net + VAT: net, VAT or gross is missing.',
    grossMatch: (sum: string) => `Net + VAT is ${sum}, which matches the gross.`,
    grossMatchAfterWithholding: (sum: string) =>
      `Net + VAT − the income tax withheld is ${sum}, which matches the total stated.`,
    grossMismatch: (sum: string, gross: string, difference: string) =>
      `Net + VAT is ${sum}, but the gross is ${gross}: a difference of ${difference}.`,

    notAnAmount: (example: string, decimals: number) =>
      `Not an amount: type digits, e.g. ${example}` +
      (decimals
        ? `, ${plural(decimals, { one: 'at most 1 decimal', other: `at most ${decimals} decimals` })}`
        : ''),
    tooLarge: 'That amount is too large',
    notAQuantity: (example: string) => `Not a quantity: type a number, e.g. ${example}`,
  },
  {
    document: 'Beleg',
    payment: 'Zahlung',
    totals: 'Summen',
    invoice: 'Rechnung',
    creditNote: 'Rechnungskorrektur (Beträge werden negativ gebucht)',
    periodFrom: 'Leistungszeitraum von',
    periodTo: 'Leistungszeitraum bis',
    periodIncomplete: 'Geben Sie beide Daten des Zeitraums an oder keines',
    currencyInvalid: 'Drei Buchstaben, z. B. EUR',
    ibanFormat: 'Keine IBAN: zwei Buchstaben, zwei Prüfziffern, dann das Konto (insgesamt 15 bis 34 Zeichen)',
    ibanChecksum: 'Diese IBAN besteht ihre Prüfsumme nicht: Eine Ziffer ist falsch oder zwei sind vertauscht',

    lowConfidence: (percent: string) => `Bitte prüfen: nur zu ${percent} sicher`,
    learned: 'Aus einer früheren Prüfung gelernt',
    printed: 'Auf dem Dokument gedruckt:',
    usePrinted: 'Gedruckten Wert übernehmen',
    readFrom: (text: string) => `Gelesen aus: „${text}“`,

    row: (label: string, row: string) => `${label}, Zeile ${row}`,
    remove: 'Entfernen',
    removeRow: 'Zeile entfernen',
    removeRowNumber: (row: string) => `Zeile entfernen: ${row}`,
    addRow: 'Zeile hinzufügen',
    enterAmount: 'Geben Sie den Betrag ein',
    rowMismatch: (expected: string, actual: string) =>
      `Menge × Einzelpreis ergibt ${expected}, nicht ${actual}.`,
    rowDiscount: (percent: string) => `abzüglich ${percent} % Rabatt`,

    doesNotAddUp: 'Stimmt nicht:',
    vatCaption: 'USt. je Steuersatz, wie auf dem Dokument angegeben',
    category: 'Kategorie',
    rate: 'Satz',
    vat: 'USt.',
    noItems: 'Keine Positionen zum Addieren.',
    itemsWithoutNet: 'Summe der Positionen: kein Nettobetrag zum Vergleichen.',
    itemsMatch: (sum: string, against: 'net' | 'gross') =>
      `Die Positionen ergeben ${sum}, das entspricht dem ${against === 'net' ? 'Nettobetrag' : 'Bruttobetrag'}.`,
    itemsMismatch: (
      sum: string,
      against: 'net' | 'gross',
      expected: string,
      difference: string,
      over: boolean,
    ) =>
      `Die Positionen ergeben ${sum}, der ${against === 'net' ? 'Nettobetrag' : 'Bruttobetrag'} ist aber ` +
      `${expected}: ${difference} ${over ? 'zu viel' : 'fehlen'}.`,
    grossUnknown: 'Netto + USt.: Netto-, USt.- oder Bruttobetrag fehlt.',
    grossMatch: (sum: string) => `Netto + USt. ergibt ${sum}, das entspricht dem Bruttobetrag.`,
    grossMatchAfterWithholding: (sum: string) =>
      `Netto + USt. − einbehaltene Einkommensteuer ergibt ${sum}, das entspricht dem ausgewiesenen Gesamtbetrag.`,
    grossMismatch: (sum: string, gross: string, difference: string) =>
      `Netto + USt. ergibt ${sum}, der Bruttobetrag ist aber ${gross}: eine Differenz von ${difference}.`,

    notAnAmount: (example: string, decimals: number) =>
      `Kein Betrag: Geben Sie Ziffern ein, z. B. ${example}` +
      (decimals
        ? `, ${plural(decimals, { one: 'höchstens 1 Nachkommastelle', other: `höchstens ${decimals} Nachkommastellen` })}`
        : ''),
    tooLarge: 'Dieser Betrag ist zu groß',
    notAQuantity: (example: string) => `Keine Menge: Geben Sie eine Zahl ein, z. B. ${example}`,
  },
);
export type InvoiceTexts = typeof invoiceMessages.de;
