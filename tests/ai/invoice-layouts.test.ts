// Invoice layouts beyond the fixture set: no VAT, mixed rates, labels that are no labels, unclear parties.
import { describe, expect, it } from 'vitest';
import { processInvoice } from '../../src/modules/ai/modules/ctax';
import { implausibleDate, invoiceChecks } from '../../src/modules/ai/modules/invoice/checks';
import { unreadItemLines } from '../../src/modules/ai/modules/invoice/line-items';
import { documentFromText, documentLines } from '../../src/modules/ai/text';

const invoice = (text: string) => processInvoice(documentFromText(text));
const failed = (result: ReturnType<typeof invoice>) =>
  result.checks.filter((c) => !c.passed).map((c) => c.name);

describe('process_invoice layouts', () => {
  it('trusts a small-business invoice without VAT when its items add up to the gross, booking its net as the gross', () => {
    const result = invoice(
      [
        'Von: Pixelwerk Schmidt e.K., Bergstraße 4, 69117 Heidelberg',
        'An: Café Central GmbH, Marktplatz 2, 69117 Heidelberg',
        'Rechnungsnummer: 2024-031',
        'Rechnungsdatum: 04.07.2024',
        '',
        'Leistung\tMenge\tPreis\tBetrag',
        'Logo-Entwurf\t1\t450,00 €\t450,00 €',
        'Visitenkarten-Layout\t1\t150,00 €\t150,00 €',
        'Gesamtbetrag\t600,00 €',
        'Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.',
      ].join('\n'),
    );
    expect(result.output).toMatchObject({
      supplier: { name: 'Pixelwerk Schmidt e.K.', address: 'Bergstraße 4, 69117 Heidelberg' },
      recipient: { name: 'Café Central GmbH', address: 'Marktplatz 2, 69117 Heidelberg' },
      net: 60000,
      vat_amount: 0,
      vat_rate: 0,
      gross: 60000,
    });
    expect(result.checks).toContainEqual({
      name: 'line_items_sum_to_net',
      passed: true,
      detail: 'items 600.00 vs 600.00',
    });
    expect(result.confidence).toBeGreaterThanOrEqual(80);
  });

  it('proposes a date under a label it does not know as the date of supply, and asks; an order date it leaves', () => {
    const lines = (dateLine: string) =>
      [
        'Von: Atelier Lindner GmbH, Hafenstraße 9, 20457 Hamburg',
        'An: Elbblick Hotel GmbH, Kaistraße 1, 20457 Hamburg',
        'Rechnungsnummer: AL-2024-88',
        'Rechnungsdatum: 12.06.2024',
        dateLine,
        'Nettobetrag 1.000,00 €',
        'USt 19 % 190,00 €',
        'Gesamtbetrag 1.190,00 €',
      ].join('\n');
    // "Drehtag" (the day of a film shoot): no rule names it, but a date of supply is what it is.
    const shoot = invoice(lines('Drehtag-Datum: 03.06.2024'));
    expect(shoot.output.service_date).toBe('2024-06-03');
    expect(shoot.checks).toContainEqual(
      expect.objectContaining({ name: 'service_date_label_known', passed: false }),
    );
    expect(shoot.confidence).toBeLessThan(80);
    expect(shoot.output.field_confidence?.service_date).toBeLessThan(80);

    const ordered = invoice(lines('Bestelldatum: 28.05.2024'));
    expect(ordered.output.service_date).toBeNull();
    expect(failed(ordered)).toEqual([]);
    expect(ordered.confidence).toBeGreaterThanOrEqual(80);
  });

  it('takes no date a later sentence introduces for the invoice date, and no "RS" unit for rupees', () => {
    const result = invoice(
      [
        'Suministros Levante S.L., Calle Mayor 3, 46001 Valencia',
        'Cliente: Hostal Brisa S.L., Avenida del Puerto 8, 46023 Valencia',
        'Factura nº: 2025/0219',
        'Papel A4 80 g\t20,00\t4,60 RS\t92,00',
        'Moneda: EUR',
        'Base imponible 92,00',
        'IVA 21 % 19,32',
        'Total 111,32',
        'Forma de pago: transferencia a 60 días fecha factura. Vencimiento 02/06/2025.',
      ].join('\n'),
    );
    expect(result.output.issue_date).toBeNull();
    expect(result.output.currency).toBe('eur');
    expect(failed(result)).toContain('required_fields_present');
  });

  it('sums VAT over several rates and leaves the single rate empty', () => {
    const result = invoice(
      [
        'Supplier: Green Grocers Ltd, 4 Mill Lane, Leeds LS1 4AB',
        'Customer: Corner Café Ltd',
        'Invoice No: GG-77',
        'Invoice date: 01/07/2024',
        'Nettobetrag 300,00 €',
        'USt 7 % 7,00 €',
        'USt 19 % 38,00 €',
        'Gesamtbetrag 345,00 €',
      ].join('\n'),
    );
    expect(result.output).toMatchObject({ net: 30000, vat_amount: 4500, vat_rate: null, gross: 34500 });
    // Each rate's base is worked out from its VAT (7,00 € fits any base from 99,93 to 100,07 €): a person
    // confirms them, and nothing else fails.
    expect(failed(result)).toEqual(['vat_bases_printed']);
  });

  it('does not read "Customer No:" as the recipient or a footer hotline as the recipient’s VAT ID', () => {
    const result = invoice(
      [
        'Nordlicht Software GmbH',
        'Kaiserstraße 1, 60311 Frankfurt',
        'Customer No: 4711',
        '',
        'Bill to:',
        'Südwind Reisen AG',
        'Ludwigstraße 9',
        '80539 München',
        '',
        'USt-IdNr.: DE123456789 · Kunden-Hotline 0800 123456',
      ].join('\n'),
    );
    expect(result.output.recipient).toEqual({
      name: 'Südwind Reisen AG',
      address: 'Ludwigstraße 9, 80539 München',
      vat_id: null,
    });
    expect(result.output.supplier).toMatchObject({ name: 'Nordlicht Software GmbH', vat_id: 'DE123456789' });
  });

  it('holds back an invoice whose recipient cannot be told apart, even when its sums are right', () => {
    const result = invoice(
      [
        'Kunde Handels AG\tMuster GmbH',
        'Hauptstraße 1, 10115 Berlin',
        'Rechnungsnummer: 88',
        'Rechnungsdatum: 02.02.2024',
        'Nettobetrag 100,00 €',
        'MwSt. 19 % 19,00 €',
        'Gesamtbetrag 119,00 €',
      ].join('\n'),
    );
    expect(failed(result)).toEqual(['parties_distinct']);
    expect(result.confidence).toBeLessThan(80);
  });

  it('flags an invalid VAT ID and keeps it out of the output', () => {
    const result = invoice(['Muster GmbH', 'USt-IdNr.: DE12345678', 'Rechnungsnummer: 1'].join('\n'));
    expect(result.output.supplier.vat_id).toBeNull();
    expect(result.checks).toContainEqual({
      name: 'vat_id_format',
      passed: false,
      detail: 'DE12345678 is not a valid VAT ID format',
    });
  });

  it('sends an invoice whose VAT does not match its rate to review', () => {
    const result = invoice(
      [
        'Supplier: A Ltd, 1 High Street, Leeds LS1 1AA',
        'Customer: B Ltd',
        'Invoice No: 9',
        'Invoice date: 2024-05-01',
        'Subtotal £100.00',
        'VAT 20% £25.00',
        'Total £125.00',
      ].join('\n'),
    );
    expect(failed(result)).toEqual(['vat_matches_rate']);
    expect(result.confidence).toBeLessThanOrEqual(50);
  });

  it('holds back an invoice whose party name reads as a field label, even when its sums are right', () => {
    const lines = (windowFirstLine: string) =>
      [
        'Muster GmbH · Hauptstraße 1 · 10115 Berlin',
        '',
        windowFirstLine,
        'Gartenweg 5',
        '10117 Berlin',
        '',
        'Rechnungsnummer: 2024-17',
        'Rechnungsdatum: 04.07.2024',
        'Nettobetrag 1.000,00 €',
        'MwSt. 19 % 190,00 €',
        'Gesamtbetrag 1.190,00 €',
      ].join('\n');
    const named = invoice(lines('Café Central GmbH'));
    expect(named.output.recipient.name).toBe('Café Central GmbH');
    expect(named.confidence).toBeGreaterThanOrEqual(80);
    // The window's first row holding a label beside its value: the name was read from the wrong cell.
    const label = invoice(lines('Rechnungsnr.\t2024-17'));
    expect(label.output.recipient.name).toBe('Rechnungsnr.');
    expect(failed(label)).toContain('party_names_plausible');
    expect(label.confidence).toBeLessThanOrEqual(70);
  });

  it('holds back an invoice with a line item read in part (a quantity without its price)', () => {
    const result = invoice(
      [
        'Von: Atelier Lindner GmbH, Hafenstraße 9, 20457 Hamburg',
        'An: Elbblick Hotel GmbH, Kaistraße 1, 20457 Hamburg',
        'Rechnungsnummer: AL-2024-88',
        'Rechnungsdatum: 12.06.2024',
        '',
        'Leistung\tMenge\tPreis\tBetrag',
        'Wandgestaltung Lobby\t2\t500,00 €\t1.000,00 €',
        'Nettobetrag 1.000,00 €',
        'MwSt. 19 % 190,00 €',
        'Gesamtbetrag 1.190,00 €',
      ].join('\n'),
    );
    expect(result.output.line_items[0]).toMatchObject({ quantity: 2, unit_price: 50000, amount: 100000 });
    expect(result.confidence).toBeGreaterThanOrEqual(80);
    // The same booking with the row's price lost (a price column taken for the quantity, say).
    const partial = {
      ...result.output,
      line_items: result.output.line_items.map((item) => ({ ...item, unit_price: null })),
    };
    const checks = invoiceChecks(partial, { ibans: [], vatIds: [] });
    expect(checks.find((c) => c.name === 'line_items_complete')).toMatchObject({
      passed: false,
      capIfFailed: 75,
    });
  });

  it('dates a due date printed as payment terms from the issue date, the net term not the discount term', () => {
    const withTerms = (terms: string) =>
      invoice(
        [
          'Von: Atelier Lindner GmbH, Hafenstraße 9, 20457 Hamburg',
          'An: Elbblick Hotel GmbH, Kaistraße 1, 20457 Hamburg',
          'Rechnungsnummer: AL-2024-88',
          'Rechnungsdatum: 12.06.2024',
          'Nettobetrag 1.000,00 €',
          'MwSt. 19 % 190,00 €',
          'Gesamtbetrag 1.190,00 €',
          terms,
        ].join('\n'),
      ).output.due_date;
    expect(withTerms('Zahlbar innerhalb von 7 Tagen mit 2 % Skonto, innerhalb von 30 Tagen netto.')).toBe(
      '2024-07-12',
    );
    expect(withTerms('Payment terms: Net 14')).toBe('2024-06-26');
    expect(withTerms('Betaling binnen 5 werkdagen.')).toBeNull();
    expect(withTerms('Fällig am 01.07.2024, zahlbar innerhalb von 30 Tagen')).toBe('2024-07-01');
  });

  it('reads a VAT line opened by an abbreviation ("zzgl. Umsatzsteuer"), not as a sentence', () => {
    const result = invoice(
      [
        'Von: Atelier Lindner GmbH, Hafenstraße 9, 20457 Hamburg',
        'An: Elbblick Hotel GmbH, Kaistraße 1, 20457 Hamburg',
        'Rechnungsnummer: AL-2024-88',
        'Rechnungsdatum: 12.06.2024',
        'Gesamtbetrag netto\t1.813,40 €',
        'zzgl. Umsatzsteuer 19 %\t344,55 €',
        'Gesamtbetrag brutto\t2.157,95 €',
      ].join('\n'),
    );
    expect(result.output).toMatchObject({ net: 181340, vat_amount: 34455, vat_rate: 19, gross: 215795 });
    expect(result.confidence).toBeGreaterThanOrEqual(80);
  });

  it('doubts a date of supply over a year from the issue date when read from text, not from an e-invoice', () => {
    const { output } = invoice(
      [
        'Von: Atelier Lindner GmbH, Hafenstraße 9, 20457 Hamburg',
        'An: Elbblick Hotel GmbH, Kaistraße 1, 20457 Hamburg',
        'Rechnungsnummer: AL-2024-88',
        'Rechnungsdatum: 12.06.2024',
        'Gesamtbetrag 1.190,00 €',
      ].join('\n'),
    );
    // An annual settlement issued eighteen months after its period (the KoSIT test suite's energy bill).
    const late = { ...output, service_period: { from: '2022-01-01', to: '2022-12-31' } };
    expect(implausibleDate(late)).toBe('service date over a year from the issue date');
    expect(implausibleDate(late, { exact: true })).toBeNull();
  });

  it("dates an invoice by its letter's place and date when no label dates it, not by a date inside a sentence", () => {
    const issued = (dateLine: string) =>
      invoice(
        [
          'Von: Atelier Lindner GmbH, Hafenstraße 9, 20457 Hamburg',
          'An: Elbblick Hotel GmbH, Kaistraße 1, 20457 Hamburg',
          dateLine,
          'Rechnungsnummer: AL-2024-88',
          'Gesamtbetrag 1.190,00 €',
        ].join('\n'),
      ).output.issue_date;
    expect(issued('Hamburg, 3. März 2025')).toBe('2025-03-03');
    expect(issued('Genève, le 3 juin 2025')).toBe('2025-06-03');
    expect(issued('Wie besprochen, am 3. März 2025 geliefert.')).toBeNull();
    // A dateline that goes on after a middle dot or bar with the client's and quote's numbers.
    expect(issued('Montpellier, le 16 mars 2026 · Client n° C0318 · Devis n° DE-2026-0077')).toBe(
      '2026-03-16',
    );
    expect(issued('Hamburg, 3. März 2025 und später')).toBeNull();
  });

  it("reads an Italian P.IVA printed without prefix before the owner's codice fiscale on one line", () => {
    const result = invoice(
      [
        'Dott.ssa Giulia Ferraris',
        'Via Nizza 148 - 10126 Torino (TO) - P.IVA 11873420019 - C.F. FRRGLI85C41L219X',
        'Spett.le',
        'Vini Langhe S.r.l.',
        'Corso Langhe 82',
        '12051 Alba (CN)',
        'P.IVA 02937410047',
        'Fattura n. 14/2026 del 3 aprile 2026',
        'Totale documento\t€ 2.169,65',
      ].join('\n'),
    );
    expect(result.output.supplier.vat_id).toBe('IT11873420019');
    expect(failed(result)).not.toContain('vat_id_format');
  });

  it('keeps a department line with its contact person ("Einkauf / Frau Dörte Meier") out of the address', () => {
    const result = invoice(
      [
        'Nordlicht IT-Systemhaus GmbH · Stresemannstraße 342 · 22761 Hamburg',
        'Brauerei Kleinschmidt GmbH & Co. KG',
        'Einkauf / Frau Dörte Meier',
        'Am Sande 31',
        '21335 Lüneburg',
        '',
        'Rechnungsnummer\tR-2026-10384',
        'Gesamtbetrag\t1.190,00 €',
      ].join('\n'),
    );
    expect(result.output.recipient).toMatchObject({
      name: 'Brauerei Kleinschmidt GmbH & Co. KG',
      address: 'Am Sande 31, 21335 Lüneburg',
    });
  });

  it('takes no letterhead from a delivery address printed beside the bill-to block', () => {
    const result = invoice(
      [
        'TAX INVOICE\tORIGINAL FOR RECIPIENT',
        'Shree Ganesh Packaging Industries',
        'Plot 42, Peenya Industrial Area, Bengaluru, Karnataka 560058',
        'Invoice No.\tSGP/25-26/0487',
        '',
        'BILL TO\tSHIP TO',
        'Nandini Foods Private Limited\tNandini Foods Private Limited',
        '17/3 Hosur Road, Bommanahalli\tUnit 2, KIADB Food Park',
        'Bengaluru, Karnataka 560068\tMalur, Kolar, Karnataka 563130',
        '',
        'TOTAL\tRs. 1,20,015.00',
      ].join('\n'),
    );
    expect(result.output.supplier.name).toBe('Shree Ganesh Packaging Industries');
    expect(result.output.recipient.name).toBe('Nandini Foods Private Limited');
  });

  it("names item rows it could not read under a total printed above the table (a shop's order box)", () => {
    const lines = documentLines(
      documentFromText(
        [
          'Rechnungsnummer\tDE-2026-AEU-004418',
          'Gesamtzahlbetrag\t504,55 €',
          '',
          'Makita Akku-Schlagbohrschrauber 18 V\t2\t189,90 €\t0 %\t189,90 €\t379,80 €',
          'Knipex Cobra Wasserpumpenzange 250 mm\t5\t24,95 €\t0 %\t24,95 €\t124,75 €',
          '',
          'Gesamtpreis\t504,55 €',
        ].join('\n'),
      ),
    );
    expect(unreadItemLines(lines, []).map((line) => line.text.split('\t')[0])).toEqual([
      'Makita Akku-Schlagbohrschrauber 18 V',
      'Knipex Cobra Wasserpumpenzange 250 mm',
    ]);
  });

  it("reads a zero rate's base beside its VAT, held to the bases' sum, and no certificate number for a ZIP", () => {
    const read = (zeroRateLine: string) =>
      invoice(
        [
          'Brightwater Renewables Ltd',
          'Unit 4 Ashworth Court, Frome, BA11 4BY',
          'Invoice Number\tINV-0642',
          'Invoice Date\t06/03/2026',
          '',
          'Description\tQty\tUnit Price\tVAT\tAmount GBP',
          'Solar panels\t1.00\t11,795.00\t0%\t11,795.00',
          'EV charger\t1.00\t1,460.00\t20%\t1,460.00',
          '',
          'Subtotal\t£13,255.00',
          zeroRateLine,
          'VAT 20% on £1,460.00\t£292.00',
          'Total\t£13,547.00',
          '',
          'Brightwater Renewables Ltd · Registered in England and Wales No. 11839204 · MCS certified installer NAP-61842',
        ].join('\n'),
      );
    const right = read('VAT 0% on £11,795.00\t£0.00');
    expect(right.output.vat_breakdown.map((row) => [row.rate, row.net, row.vat])).toEqual([
      [0, 1179500, 0],
      [20, 146000, 29200],
    ]);
    expect(right.output.supplier.address).toBe('Unit 4 Ashworth Court, Frome, BA11 4BY');
    // A misprinted base no arithmetic of its own can catch: the bases no longer add up to the net.
    expect(failed(read('VAT 0% on £11,759.00\t£0.00'))).toContain('vat_bases_sum_to_net');
  });

  it("reads the customer's VAT ID under its label in a header row a blank line above its values", () => {
    const result = invoice(
      [
        'Horecagroothandel Van der Linde B.V.',
        'Industrieweg 44',
        '3044 AS Rotterdam',
        'btw NL819472608B01',
        '',
        'CREDITNOTA',
        'Creditnotanummer\tDatum\tDebiteurnummer\tUw btw-nummer',
        '',
        '2026-90112\t12-03-2026\t20871\tNL861047357B01',
      ].join('\n'),
    );
    expect(result.output.recipient.vat_id).toBe('NL861047357B01');
  });

  it("reads a signed number and a participle date beside the title, and a number under the logo's word", () => {
    const beside = invoice(
      [
        'N° 2026-012',
        'Facture\tÉmise le 3 mars 2026',
        'Vandenberghe Digital Consulting SRL',
        'Total\t1.000,00 €',
      ].join('\n'),
    ).output;
    expect([beside.invoice_number, beside.issue_date]).toEqual(['2026-012', '2026-03-03']);
    const under = (second: string, third: string) =>
      invoice(['FACTURA', second, third, '', 'Total\t1.000,00 €'].join('\n')).output.invoice_number;
    expect(under('kalamar', 'KLT-2026-0058')).toBe('KLT-2026-0058');
    // A postcode alone on its line two rows down is no number.
    expect(under('Müller GmbH', '12345')).toBeNull();
  });

  it('keeps German department compounds, with or without their person, out of the address', () => {
    const address = (department: string) =>
      invoice(
        [
          'Agentur Nord GmbH · Hafenstraße 9 · 20457 Hamburg',
          'Holzbau Schmid GmbH',
          department,
          'Benzstraße 40',
          '72760 Reutlingen',
          '',
          'Rechnungsnummer\tR-1',
          'Gesamtbetrag\t1.190,00 €',
        ].join('\n'),
      ).output.recipient.address;
    expect(address('Digitalvertrieb')).toBe('Benzstraße 40, 72760 Reutlingen');
    expect(address('Bauleitung Herr Dipl.-Ing. Timo Ruckaberle')).toBe('Benzstraße 40, 72760 Reutlingen');
  });

  it('reads three places after one separator as thousands or decimals, as the row adds up', () => {
    const rows = invoice(
      [
        'Salumificio Val Baganza S.r.l.',
        'Fattura n. 214 del 23/03/2026',
        '',
        'Descrizione\tQuantità\tPrezzo\tImporto',
        'Prosciutto di Parma\t46,820 kg\t18,50\t866,17',
        'Tappi\t1.000 pz\t0,50\t500,00',
        '',
        'Totale documento\t€ 1.366,17',
      ].join('\n'),
    ).output.line_items;
    expect(rows.map((row) => row.quantity)).toEqual([46.82, 1000]);
  });

  it("reads a sole trader's sender line that names the owner between name and street", () => {
    const result = invoice(
      [
        'Tischlerei Brandt',
        '',
        'Tischlerei Brandt · Inh. Stefan Brandt · Gewerbestraße 9 · 79194 Gundelfingen',
        '',
        'Dr. Claudia Wienert',
        'Lorettostraße 48',
        '79100 Freiburg im Breisgau',
        '',
        'Rechnung Nr. 2026-0119',
        'Gesamtbetrag\t1.190,00 €',
      ].join('\n'),
    ).output;
    expect(result.supplier).toMatchObject({
      name: 'Tischlerei Brandt',
      address: 'Gewerbestraße 9, 79194 Gundelfingen',
    });
    expect(result.recipient.name).toBe('Dr. Claudia Wienert');
  });

  it('reads party blocks headed "Datos del emisor / Datos del cliente", an address line "street - postcode place"', () => {
    const result = invoice(
      [
        'Factura\t2026/014',
        '',
        'DATOS DEL EMISOR\tDATOS DEL CLIENTE',
        'Javier Ortega Lemos\tConservas Rías Baixas S.L.',
        'NIF: 32871649A\tCIF: B36481901',
        'Rúa de San Andrés, 104 - 15003 A Coruña\tAvenida de Beiramar, 53 - 36202 Vigo',
        '',
        'Total\t2.250,00 €',
      ].join('\n'),
    ).output;
    expect([result.supplier.name, result.recipient.name]).toEqual([
      'Javier Ortega Lemos',
      'Conservas Rías Baixas S.L.',
    ]);
    expect(result.recipient.address).toBe('Avenida de Beiramar, 53, 36202 Vigo');
  });

  it("reads a professional's fee rows, a rate line under a row, and not a cited invoice's date for the issue date", () => {
    const result = invoice(
      [
        'Brandes Okafor Rechtsanwälte PartG mbB · Kaiserstraße 61 · 44135 Dortmund',
        'Ruhrtal Spedition Kowalski GmbH',
        'Zum Hafenbecken 14',
        '44147 Dortmund',
        '',
        'Dortmund, 12. März 2026',
        'Kostenrechnung Nr. 2026/000417',
        '',
        'Gegenstandswert:\t28.500,00 €',
        '1,3 Geschäftsgebühr §§ 13, 14 RVG, Nr. 2300 VV RVG\t1.353,30 €',
        'Dokumentenpauschale für Ablichtungen, Nr. 7000 Nr. 1 a VV\t25,00 €',
        'RVG',
        '50 Seiten à 0,50 €',
        '',
        'Zwischensumme netto\t1.378,30 €',
        '19 % Umsatzsteuer\t261,88 €',
        'Gesamtbetrag\t1.640,18 €',
        'abzgl. Vorschuss lt. Rechnung 2025/001873 vom 03.11.2025\t- 1.190,00 €',
        'Wir bitten, den offenen Betrag bis zum 26. März 2026 zu überweisen.',
      ].join('\n'),
    ).output;
    expect([result.issue_date, result.due_date]).toEqual(['2026-03-12', '2026-03-26']);
    expect(
      result.line_items.map((row) => [row.description, row.quantity, row.unit_price, row.amount]),
    ).toEqual([
      ['1,3 Geschäftsgebühr §§ 13, 14 RVG, Nr. 2300 VV RVG', null, null, 135330],
      ['Dokumentenpauschale für Ablichtungen, Nr. 7000 Nr. 1 a VV RVG', 50, 50, 2500],
    ]);
  });

  it("takes a till receipt's counts out of the descriptions and sends the rows, priced by no one, to a person", () => {
    const result = invoice(
      [
        'Brasserie Spaarne 42 B.V.',
        'Spaarne 42',
        '2011 CK Haarlem',
        'Factuurnummer\tF-031487',
        '',
        '3x Carpaccio van rund\t43,50',
        '2x Burrata met tomaat\t27,00',
        '',
        'Totaal\t€ 70,50',
      ].join('\n'),
    );
    expect(result.output.line_items.map((row) => [row.description, row.quantity, row.unit_price])).toEqual([
      ['Carpaccio van rund', 3, null],
      ['Burrata met tomaat', 2, null],
    ]);
    expect(result.confidence).toBeLessThan(80);
  });

  it('keeps Austrian and Italian attention lines out of names and addresses ("z. H.", "All\'att.")', () => {
    const recipient = (attention: string) =>
      invoice(
        [
          'Donauwerk Catering GmbH · Hauptstraße 3 · 1030 Wien',
          'Fondazione Casa Anziani Malcantone',
          attention,
          'Via Bosconi 12',
          '6987 Caslano',
          '',
          'Fattura 2026-0044',
          'Totale\tCHF 1.000,00',
        ].join('\n'),
      ).output.recipient;
    for (const line of ['z. H. Frau Mag. Sabine Pichler', "All'att. della direzione amministrativa"])
      expect(recipient(line)).toMatchObject({
        name: 'Fondazione Casa Anziani Malcantone',
        address: 'Via Bosconi 12, 6987 Caslano',
      });
  });

  it('reads dates keyed with bare verbs ("Issued", "Due") and a number keyed "Numéro" beside the title', () => {
    const jobber = invoice(
      [
        'Lone Star Pool Care LLC\tInvoice #2291',
        '8814 Research Blvd, Austin, TX 78758',
        'RECIPIENT\tIssued\tApr 3, 2026',
        'Barton Creek Villas HOA\tDue\tMay 3, 2026',
        'Balance due\t$45.00',
      ].join('\n'),
    ).output;
    expect([jobber.issue_date, jobber.due_date]).toEqual(['2026-04-03', '2026-05-03']);
    const header = (rows: string[]) =>
      invoice(
        ['Camille Rousseau EI', '14 rue Paul Bellamy, 44000 Nantes', ...rows, 'Net à payer\t1 947,00 €'].join(
          '\n',
        ),
      ).output.invoice_number;
    expect(header(['Numéro\t2026-031', 'FACTURE\tDate\t3 avril 2026'])).toBe('2026-031');
    // Without a title beside it a bare "Numéro" may be anyone's (a customer's, an order's).
    expect(header(['Numéro\t2026-031', '', '', '', 'Date\t3 avril 2026'])).toBeNull();
  });

  describe('safety of the arithmetic and fallback rules (review findings)', () => {
    const base = [
      'Von: Atelier Lindner GmbH, Hafenstraße 9, 20457 Hamburg',
      'An: Elbblick Hotel GmbH, Kaistraße 1, 20457 Hamburg',
      'Rechnungsnummer: AL-2024-88',
      'Rechnungsdatum: 12.06.2024',
    ];

    it('takes a net total row for no payment term ("Net | 100.00" beside "within 30 days")', () => {
      const { output } = invoice(
        [...base, 'Net\t100,00 €', 'MwSt. 19 %\t19,00 €', 'Total\t119,00 €', 'Payment within 30 days'].join(
          '\n',
        ),
      );
      expect(output.due_date).toBe('2024-07-12');
    });

    it('does not let a tax-free zero line stand in for the VAT to make a misread gross add up', () => {
      const result = invoice(
        [
          ...base,
          'Nettobetrag\t100,00 €',
          'MwSt. 19 %\t19,00 €',
          'Versand (MwSt-frei)\t0,00 €',
          'Gesamtbetrag\t118,00 €',
        ].join('\n'),
      );
      expect(result.confidence).toBeLessThan(80);
    });

    it('takes no copy mark at the top of the page for the supplier', () => {
      const result = invoice(
        [
          'DUPLIKAT',
          'Kunde: Elbblick Hotel GmbH',
          'Kaistraße 1',
          '20457 Hamburg',
          'Rechnungsnummer: AL-2024-88',
          'Rechnungsdatum: 12.06.2024',
          'Gesamtbetrag 1.190,00 €',
        ].join('\n'),
      );
      // No supplier is better than a wrong one: the invoice goes to review for it.
      expect(result.output.supplier.name).toBeNull();
      expect(result.confidence).toBeLessThan(80);
    });

    it('reads a VAT ID after "TVA intracommunautaire", not cut at the bare word', () => {
      const { output } = invoice(
        [...base, 'TVA intracommunautaire : FR40303265045', 'Total TTC 1.190,00 €'].join('\n'),
      );
      expect(output.supplier.vat_id).toBe('FR40303265045');
    });
  });
});
