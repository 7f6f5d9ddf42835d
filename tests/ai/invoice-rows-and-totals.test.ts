// Item rows and totals as small businesses across Europe print them: a discount column in wholesale tables,
// thousands grouped by a space inside a table cell, "net à payer" meaning what is left to pay, words after a
// VAT label that are no VAT ID, and a date of supply named by the end of the works or a delivery note.
import { describe, expect, it } from 'vitest';
import { processInvoice } from '../../src/modules/ai/modules/ctax';
import { documentFromText } from '../../src/modules/ai/text';

const invoice = (lines: string[]) => processInvoice(documentFromText(lines.join('\n')));
const failed = (result: ReturnType<typeof invoice>) =>
  result.checks.filter((c) => !c.passed).map((c) => c.name);

const dutchWholesale = (rows: string[]) => [
  'Groothandel De Vries B.V., Industrieweg 4, 3542 AD Utrecht',
  'Factuur aan: Eetcafé De Hoek, Markt 1, 3511 AB Utrecht',
  'Factuurnummer: 2025-4471',
  'Factuurdatum: 14-03-2025',
  'Artikel\tOmschrijving\tAantal\tPrijs\tKorting %\tBedrag',
  ...rows,
  'Subtotaal excl. btw\t€ 287,39',
  'Btw 9%\t€ 25,87',
  'Totaal te betalen\t€ 313,26',
  'Btw-nr. NL861304524B01 · IBAN NL84 RABO 0312 4567 86',
];

describe('item rows under an article-number heading', () => {
  const table = (rows: string[]) => [
    'Lagertechnik Sommer GmbH · Hafenweg 3 · 28197 Bremen',
    'Rechnung an: Nordkai Logistik GmbH, Überseetor 12, 28217 Bremen',
    'Rechnungsnummer: RE-7731',
    'Rechnungsdatum: 02.03.2026',
    'Pos. Art.-Nr.\tBezeichnung\tMenge\tEinzelpreis €\tGesamt €',
    ...rows,
    'Nettobetrag\t2.214,00 €',
    'zzgl. 19 % USt\t420,66 €',
    'Rechnungsbetrag\t2.634,66 €',
  ];

  it('takes the code off a description it ran into, as the other rows print it in a cell of its own', () => {
    const result = invoice(
      table([
        '1\tRG-2040\tSchwerlastregal 2000 x 400\t4\t389,00\t1.556,00',
        '2\tRG-BODEN-V Fachboden verzinkt, 1000 mm\t12\t54,83\t657,96',
        '3\tMO-PAU\tMontagepauschale\t1\t0,04\t0,04',
      ]),
    );
    expect(result.output.line_items.map((item) => item.description)).toEqual([
      'Schwerlastregal 2000 x 400',
      'Fachboden verzinkt, 1000 mm',
      'Montagepauschale',
    ]);
  });
});

describe('Spanish summaries and carry-forwards', () => {
  const spanish = (rows: string[], totals: string[]) => [
    'Distribuciones Ebro S.L., Calle Alfonso I, 14, 50003 Zaragoza, CIF B50123456',
    'Cliente: Bar Los Porches S.L., Plaza del Pilar 2, 50003 Zaragoza',
    'Factura FV-2207 · Fecha 03/06/2026',
    'Fecha\tVencimiento\tPeriodo de suministro',
    '03/06/2026\t03/07/2026\t01/05/2026 a 31/05/2026',
    'Referencia\tDescripción\tCant.\tPrecio\tImporte',
    ...rows,
    ...totals,
  ];

  it('reads a VAT table whose rows end in base plus VAT, beside "Suma bases", and the supply period heading', () => {
    const result = invoice(
      spanish(
        ['AGU-15\tAgua mineral 1,5 l\t120\t0,40\t48,00', 'LIM-05\tLimpiador multiusos 5 l\t12\t6,20\t74,40'],
        [
          'Resumen de impuestos\tSuma bases\t122,40 €',
          'Tipo\tBase imponible\tCuota\tTotal',
          'IVA 10%\t48,00\t4,80\t52,80',
          'IVA 21%\t74,40\t15,62\t90,02',
          'Total (EUR)\t142,82 €',
        ],
      ),
    );
    expect(result.output).toMatchObject({ net: 12240, vat_amount: 2042, gross: 14282 });
    expect(result.output.vat_breakdown.map((row) => [row.rate, row.net, row.vat])).toEqual([
      [10, 4800, 480],
      [21, 7440, 1562],
    ]);
    expect(result.output.service_period).toEqual({ from: '2026-05-01', to: '2026-05-31' });
    expect(result.output.line_items).toHaveLength(2);
  });

  it('skips "Suma y sigue" and "Suma anterior" between pages and reads a grid that prints the net twice', () => {
    const result = invoice(
      spanish(
        [
          'AGU-15\tAgua mineral 1,5 l\t120\t0,40\t48,00',
          'Suma y sigue\t48,00',
          'Suma anterior\t48,00',
          'LIM-05\tLimpiador multiusos 5 l\t12\t6,20\t74,40',
        ],
        [
          'Importe neto\tBase imponible\t% IVA\tCuota IVA\tTOTAL FACTURA',
          '122,40\t122,40\t21,00\t25,70\t148,10 €',
        ],
      ),
    );
    expect(result.output.line_items.map((item) => item.description)).toEqual([
      'Agua mineral 1,5 l',
      'Limpiador multiusos 5 l',
    ]);
    expect(result.output).toMatchObject({ net: 12240, vat_rate: 21, vat_amount: 2570, gross: 14810 });
  });
});

describe('a price heading merged with a discount heading', () => {
  it('reads the discount a row prints after its price, and the rows without one', () => {
    const result = invoice([
      'Garage Lemaire SRL · Chaussée de Louvain 210 · 5000 Namur',
      'Client : Transports Hody SA, Rue de Fer 8, 5000 Namur',
      'Facture n° 26/0412 du 03/08/2026',
      'Code\tDésignation\tQté\tP.U. HTVA Rem. %\tTotal HTVA',
      '110021\tFiltre à huile\t2,00 pc\t18,40\t36,80',
      '220417\tBalais d’essuie-glace\t1,00 jeu\t40,00\t10,00\t36,00',
      'Total HTVA\t72,80 €',
      'TVA 21 %\t15,29 €',
      'Total TVAC\t88,09 €',
    ]);
    expect(
      result.output.line_items.map((item) => [item.description, item.quantity, item.unit_price, item.amount]),
    ).toEqual([
      ['Filtre à huile', 2, 1840, 3680],
      ['Balais d’essuie-glace', 1, 4000, 3600],
    ]);
  });
});

describe('a US sales tax of state and county parts', () => {
  it('takes the rate the parts add up to, not the first part', () => {
    const result = invoice([
      'Three Rivers Office Supply, LLC · 412 Penn Ave · Pittsburgh, PA 15222',
      'Bill To: Carnegie Dental Group, 55 Forbes Ave, Pittsburgh, PA 15213',
      'Invoice # 10482 · Invoice Date Aug 3, 2026',
      'Item\tQty\tRate\tAmount',
      'Copy paper, case\t10\t45.00\t450.00',
      'Toner cartridge\t2\t75.00\t150.00',
      'Subtotal\t$600.00',
      'Sales Tax (PA 6% + Allegheny 1%) 7% $42.00',
      'Total\t$642.00',
    ]);
    expect(result.output).toMatchObject({ net: 60000, vat_rate: 7, vat_amount: 4200, gross: 64200 });
  });
});

describe('a totals grid of one cell per heading', () => {
  it('reads each cell under its heading, bare rates and the withheld IRPF included', () => {
    const result = invoice([
      'Lucía Marín Ortega · Diseño gráfico · Calle San Fernando 40, 41004 Sevilla · NIF 28841276D',
      'Cliente: Bodegas Alcor S.L., Avenida de la Constitución 12, 41001 Sevilla',
      'Nº factura\tFecha\tVencimiento',
      '2026/044\t04/08/2026\t03/09/2026',
      'Concepto\tCantidad\tPrecio\tImporte',
      'Diseño de folleto\t2 ud\t400,00\t800,00',
      'Retoque fotográfico\t5 h\t36,00\t180,00',
      'Base imponible\t% IVA\tCuota IVA\t% IRPF\tRetención IRPF\tTOTAL FACTURA',
      '980,00\t21\t205,80\t15\t-147,00\t1.038,80 €',
    ]);
    expect(result.output).toMatchObject({ net: 98000, vat_rate: 21, vat_amount: 20580 });
  });
});

describe('item rows with a discount column', () => {
  it('reads each row’s discount and checks quantity × price less it against the amount', () => {
    const result = invoice(
      dutchWholesale([
        '100412\tFrituurolie 10 L\t6,00\t24,95\t5,00\t142,22',
        '310027\tKipfilet 5 kg\t3,00\t42,50\t\t127,50',
        '220150\tFriet 10 mm\t1,00\t19,63\t10,00\t17,67',
      ]),
    );
    expect(result.output.line_items.map(({ source, ...row }) => row)).toEqual([
      { description: 'Frituurolie 10 L', quantity: 6, unit_price: 2495, discount_percent: 5, amount: 14222 },
      { description: 'Kipfilet 5 kg', quantity: 3, unit_price: 4250, amount: 12750 },
      { description: 'Friet 10 mm', quantity: 1, unit_price: 1963, discount_percent: 10, amount: 1767 },
    ]);
    expect(result.checks).toContainEqual(
      expect.objectContaining({ name: 'line_items_arithmetic', passed: true }),
    );
    expect(result.confidence).toBeGreaterThanOrEqual(80);
  });

  it('still holds a row whose discount does not explain its amount', () => {
    const result = invoice(
      dutchWholesale([
        '100412\tFrituurolie 10 L\t6,00\t24,95\t5,00\t149,70',
        '310027\tKipfilet 5 kg\t3,00\t42,50\t\t127,50',
        '220150\tFriet 10 mm\t1,00\t19,63\t10,00\t10,19',
      ]),
    );
    expect(failed(result)).toContain('line_items_arithmetic');
    expect(result.checks.find((c) => c.name === 'line_items_arithmetic')?.detail).toBe(
      '"Frituurolie 10 L": quantity × price − 5 % ≠ amount',
    );
    expect(result.confidence).toBeLessThan(80);
  });
});

describe('French totals', () => {
  const french = (payable: string) => [
    'Atelier Sillage SAS, 7 quai de Versailles, 44000 Nantes',
    'Facturé à : Maison Guérin SARL, 14 rue de la Marne, 44100 Nantes',
    'Facture n° F-2025-0412',
    'Date : 08/07/2025',
    'Désignation\tQté\tPrix unitaire HT\tTotal HT',
    'Refonte identité visuelle\t1\t2 400,00 €\t2 400,00 €',
    'Déclinaison supports imprimés\t3\t350,00 €\t1 050,00 €',
    'Total HT\t3 450,00 €',
    'TVA 20 %\t690,00 €',
    'Total TTC\t4 140,00 €',
    payable,
    'N° TVA FR19812345676',
  ];

  it('reads "2 400,00 €" in a price cell as two thousand four hundred, and "Net à payer" as what is paid', () => {
    const result = invoice(french('Net à payer\t4 140,00 €'));
    expect(result.output).toMatchObject({ net: 345000, vat_amount: 69000, gross: 414000 });
    expect(result.output.line_items.map((row) => [row.unit_price, row.amount])).toEqual([
      [240000, 240000],
      [35000, 105000],
    ]);
    expect(failed(result)).toEqual([]);
  });

  it('takes "Netto a pagare" for the amount payable, not for the net', () => {
    const result = invoice([
      'Studio Ferri, Via Roma 3, 40121 Bologna',
      'Spett.le Meccanica Emiliana S.r.l., Via della Salute 14, 40132 Bologna',
      'Fattura n. 12/2025 del 03/04/2025',
      'Imponibile\t1.000,00 €',
      'IVA 22%\t220,00 €',
      'Netto a pagare\t1.220,00 €',
    ]);
    expect(result.output).toMatchObject({ net: 100000, vat_amount: 22000, gross: 122000 });
  });
});

describe('VAT IDs and dates of supply', () => {
  it('reads no VAT ID from the words after a VAT label ("Btw-bedrag", "Cod. destinatario")', () => {
    const result = invoice(
      dutchWholesale(['310027\tKipfilet 5 kg\t3,00\t42,50\t\t127,50']).concat([
        'Btw-code Grondslag\tBtw %\tBtw-bedrag\tSubtotaal excl. btw',
      ]),
    );
    expect(failed(result)).not.toContain('vat_id_format');
    expect(result.output.printed ?? {}).toEqual({});
  });

  it('still flags a VAT ID of digits that fails its country’s format', () => {
    const result = invoice(
      dutchWholesale(['310027\tKipfilet 5 kg\t3,00\t42,50\t\t127,50']).concat(['BTW NL12345B01']),
    );
    expect(failed(result)).toContain('vat_id_format');
  });

  it.each([
    ['Fin des travaux\t27/09/2024', '2024-09-27'],
    ['Fertigstellung: 27.09.2024', '2024-09-27'],
    ['Pakbon\tPB-25-77120 (11-08-2025)', '2025-08-11'],
    ['Lieferschein 4711 vom 03.03.2025', '2025-03-03'],
  ])('takes "%s" for the date of supply', (line, date) => {
    const result = invoice([
      'Rénov’Habitat SARL, 3 allée des Tilleuls, 31200 Toulouse',
      'Facturé à : M. Lefèvre, 45 chemin du Canal, 31400 Toulouse',
      'Facture n° 2024-118',
      'Date : 03/10/2025',
      line,
      'Total HT\t1 000,00 €',
      'TVA 10 %\t100,00 €',
      'Total TTC\t1 100,00 €',
    ]);
    expect(result.output.service_date).toBe(date);
  });
});

describe('income tax withheld from a professional’s fee', () => {
  const spanish = (withholding: string) => [
    'DE\tPARA',
    'Laura Martín Ortega\tNubia Cosmética Natural S.L.',
    'NIF: 47382916H\tCIF: B86123452',
    'Calle de Ponzano 54\tAvenida de Burgos 12',
    '28003 Madrid\t28036 Madrid',
    'Factura nº F250031',
    'Fecha de factura: 03/04/2025',
    'Concepto\tPrecio\tUnidades\tSubtotal',
    'Consultoría de estrategia\t55,00 €\t20\t1.100,00 €',
    'Informe SEO\t320,00 €\t1\t320,00 €',
    'BASE IMPONIBLE\t1.420,00 €',
    'IVA 21%\t298,20 €',
    withholding,
    'TOTAL A PAGAR\t1.505,20 €',
    'IBAN: ES50 0081 0569 8800 0612 3456',
  ];

  it('books a Spanish IRPF retención beside the VAT and trusts the total stated after it', () => {
    const result = invoice(spanish('IRPF -15%\t-213,00 €'));
    expect(result.output).toMatchObject({
      net: 142000,
      vat_amount: 29820,
      withholding: 21300,
      gross: 150520,
    });
    expect(result.checks).toContainEqual({
      name: 'net_plus_vat_equals_gross',
      passed: true,
      detail: '1420.00 + 298.20 − 213.00 withheld vs 1505.20',
    });
    expect(result.confidence).toBeGreaterThanOrEqual(80);
  });

  it('does not excuse the sum with a withholding its rate does not explain', () => {
    const result = invoice(spanish('IRPF -7%\t-213,00 €'));
    expect(result.output.withholding).toBeNull();
    expect(failed(result)).toContain('net_plus_vat_equals_gross');
    expect(result.confidence).toBeLessThan(80);
  });

  it('keeps the Italian Totale documento as the gross, the ritenuta and the Netto a pagare beside it', () => {
    const result = invoice([
      'Giulia Ferraresi\tFATTURA',
      'Numero\tData',
      '12/2025\t03/04/2025',
      'Via del Pratello 61',
      '40122 Bologna (BO)',
      'P.IVA 03829150378',
      'Spett.le',
      'Meccanica Emiliana S.r.l.',
      'Via della Salute 14',
      '40132 Bologna (BO)',
      'P.IVA e C.F. 11847360127',
      'Cod. destinatario M5UXCR1',
      '',
      'Descrizione\tQtà\tPrezzo\tIVA\tImporto',
      "Traduzione tecnica manuale d'uso 38 cartelle\t22,00 €\t22%\t836,00 €",
      'Revisione terminologica\t4,5 ore\t35,00 €\t22%\t157,50 €',
      'Imponibile\t993,50 €',
      'IVA 22%\t218,57 €',
      'Totale documento\t1.212,07 €',
      "Ritenuta d'acconto 20% su imponibile\t-198,70 €",
      'Netto a pagare\t1.013,37 €',
    ]);
    expect(result.output).toMatchObject({
      invoice_number: '12/2025',
      issue_date: '2025-04-03',
      recipient: {
        name: 'Meccanica Emiliana S.r.l.',
        address: 'Via della Salute 14, 40132 Bologna (BO)',
        vat_id: 'IT11847360127',
      },
      net: 99350,
      vat_amount: 21857,
      gross: 121207,
      withholding: 19870,
    });
    // The quantity printed against the description is split off only because it times the price is the amount.
    expect(result.output.line_items[0]).toMatchObject({
      description: "Traduzione tecnica manuale d'uso",
      quantity: 38,
      unit_price: 2200,
    });
    expect(failed(result)).toEqual([]);
  });
});

describe('parties and their addresses', () => {
  const totals = [
    'Facture n° 2022-89',
    'Date : 28/11/2022',
    'Total HT\t46,68 €',
    'TVA 20 %\t9,34 €',
    'Total TTC\t56,02 €',
  ];

  it('holds an invoice whose supplier address was not found', () => {
    const result = invoice([
      'Fournisseur : Alexinux',
      'Client : Netpresse SARL, 3 rue Rolland, 69100 Villeurbanne',
      ...totals,
    ]);
    expect(result.output.supplier).toMatchObject({ name: 'Alexinux', address: null });
    expect(failed(result)).toEqual(['supplier_address_found']);
    expect(result.confidence).toBeLessThan(80);
  });

  it('holds an invoice that reads one address for both parties', () => {
    const result = invoice([
      'Fournisseur : Alexinux, 27 rue Henri Rolland, 69100 Villeurbanne',
      'Client : Netpresse SARL, 27 rue Henri Rolland, 69100 Villeurbanne',
      ...totals,
    ]);
    expect(result.checks).toContainEqual({
      name: 'parties_distinct',
      passed: false,
      detail: 'supplier and recipient read with the same address',
    });
  });

  it('takes the registered office of a footer’s legal notice as the supplier’s address', () => {
    const result = invoice([
      'Client : de Lattre Alexis, 35 rue du Logiciel Libre, 69100 Villeurbanne',
      ...totals,
      'Free SAS au capital de 3.441.812 Euros − B 421 938 861 RCS Paris − Siège social: 8 rue de la Ville l’Évêque 75008 Paris − N° de TVA intracommunautaire: FR 604 219 388 61',
    ]);
    expect(result.output.supplier).toEqual({
      name: 'Free SAS',
      address: '8 rue de la Ville l’Évêque, 75008 Paris',
      vat_id: 'FR60421938861',
    });
  });
});

describe('labels of totals and dates across the six languages', () => {
  it('takes a credit note’s "Gutschriftsbetrag" for its gross', () => {
    const result = invoice([
      'Elbbohne Kaffeerösterei GmbH, Am Sandtorkai 23, 20457 Hamburg',
      'Rechnung an: Café Lotte, Lange Reihe 4, 20099 Hamburg',
      'Rechnungskorrektur',
      'Nummer\tDatum',
      'RK-2025-0019\t16.06.2025',
      'Summe netto\t-100,00 €',
      'zzgl. 19 % USt.\t-19,00 €',
      'Gutschriftsbetrag\t-119,00 €',
    ]);
    expect(result.output).toMatchObject({
      document_type: 'credit_note',
      net: -10000,
      vat_amount: -1900,
      gross: -11900,
    });
  });

  it('dates an Italian invoice by "FATTURA | N. 148 del 14/11/2025" and its due date under "Scadenze"', () => {
    const result = invoice([
      'Officina Grafica Bertolini S.r.l., Via Mazzini 84, 37122 Verona',
      'Spett.le Cantina Colli Scaligeri S.r.l., Via della Valpolicella 12, 37029 San Pietro in Cariano',
      'FATTURA\tN. 148 del 14/11/2025\tRif. vs. ordine n. 77 del 20/10/2025',
      'Imponibile\t€ 4.040,00',
      'IVA 22%\t€ 888,80',
      'Totale documento\t€ 4.928,80',
      'Scadenze',
      '14/12/2025 € 4.928,80 Bonifico bancario',
    ]);
    expect(result.output).toMatchObject({
      invoice_number: '148',
      issue_date: '2025-11-14',
      due_date: '2025-12-14',
    });
  });

  it('takes "Date de la prestation" for the date of supply without asking', () => {
    const result = invoice([
      'Camille Roux, 12 rue des Lilas, 69003 Lyon',
      'Client : Atelier Brun SARL, 4 place Bellecour, 69002 Lyon',
      'Facture n° 2025-014',
      'Date : 03/03/2025',
      'DATE DE LA PRESTATION\t28/02/2025',
      'Total\t1 071,60 €',
      'TVA non applicable, art. 293 B du CGI',
    ]);
    expect(result.output.service_date).toBe('2025-02-28');
    expect(failed(result)).not.toContain('service_date_label_known');
  });
});

describe('a hotel invoice', () => {
  const hotel = [
    'Hotel Mirador del Puerto S.L. · CIF B93154284 · Paseo de la Farola 9, 29016 Málaga',
    'Facturar a:\tFactura nº:\tH-2025/01877',
    'Grupo Azahar Ingeniería S.A.\tFecha factura:\t13/03/2025',
    'Calle Colón 48\tLlegada:\t10/03/2025',
    '46004 Valencia\tSalida:\t13/03/2025',
    '',
    'Concepto\tCantidad\tPrecio\tIVA\tImporte',
    'Alojamiento habitación doble\t3 noches\t118,00\t10%\t354,00',
    'Sala de reuniones, jornada completa\t1 día\t350,00\t21%\t350,00',
    '',
    'Tipo IVA\tBase imponible\tCuota IVA\tTotal',
    '10%\t354,00\t35,40\t389,40\tTOTAL FACTURA',
    '21%\t350,00\t73,50\t423,50',
    'Totales\t704,00 €\t108,90 €\t812,90 €',
  ];

  it('dates the supply by the stay (arrival to departure) and totals by the row labelled so, not by a rate’s row', () => {
    const result = invoice(hotel);
    expect(result.output).toMatchObject({
      service_period: { from: '2025-03-10', to: '2025-03-13' },
      net: 70400,
      vat_amount: 10890,
      gross: 81290,
      vat_breakdown: [
        { rate: 10, net: 35400, vat: 3540 },
        { rate: 21, net: 35000, vat: 7350 },
      ],
    });
    expect(failed(result)).toEqual([]);
  });

  it('takes no stay whose departure comes before its arrival', () => {
    const result = invoice(hotel.map((line) => line.replace('Salida:\t13/03/2025', 'Salida:\t09/03/2025')));
    expect(result.output.service_period).toBeNull();
  });
});

describe('details printed without their usual labels', () => {
  it('books a Spanish CIF printed alone under each party’s name, and keeps it out of the address', () => {
    const result = invoice([
      'Emisor\tCliente',
      'Talleres Hermanos Arrieta, S.L.\tConstrucciones Zuazo, S.L.',
      'B01239870\tB01452986',
      'Polígono Ali-Gobeo, C/ Álava, 12\tC/ Portal de Castilla, 56',
      '01010 Vitoria-Gasteiz\t01007 Vitoria-Gasteiz',
      'Nº de factura: 2026-0058',
      'Fecha de emisión: 27/01/2026',
      'Base imponible\t100,00 €',
      'IVA 21 %\t21,00 €',
      'Total factura\t121,00 €',
    ]);
    expect(result.output.supplier).toEqual({
      name: 'Talleres Hermanos Arrieta, S.L.',
      address: 'Polígono Ali-Gobeo, C/ Álava, 12, 01010 Vitoria-Gasteiz',
      vat_id: 'ESB01239870',
    });
    expect(result.output.recipient).toMatchObject({ vat_id: 'ESB01452986' });
  });

  it('takes no unlabelled code whose control character fails for a CIF', () => {
    const result = invoice([
      'Emisor\tCliente',
      'Talleres Hermanos Arrieta, S.L.\tConstrucciones Zuazo, S.L.',
      'B01239871\tA0000000Z',
      'Polígono Ali-Gobeo, C/ Álava, 12\tC/ Portal de Castilla, 56',
    ]);
    expect(result.output.supplier.vat_id).toBeNull();
    expect(result.output.recipient.vat_id).toBeNull();
  });

  it('takes the number from its label, not from the letterhead’s place beside the title', () => {
    const result = invoice([
      'Fietsmakerij Van Dijk',
      'FACTUUR\t3511 ZK Utrecht',
      'Mevr. S. de Boer\tFactuurnummer\t20260011',
    ]);
    expect(result.output.invoice_number).toBe('20260011');
  });

  it('dates the supply by the works completed, and by the month every row bills', () => {
    const completed = invoice([
      'Re: Restoration works at Seacrest - completed 16/01/2026',
      'Invoice Date\t20/01/2026',
    ]);
    expect(completed.output.service_date).toBe('2026-01-16');
    const paid = invoice(['Payment completed 16/01/2026', 'Invoice Date\t20/01/2026']);
    expect(paid.output.service_date).toBeNull();
    const rows = (first: string) =>
      invoice([
        'Factuurdatum: 30-01-2026',
        'Omschrijving\tAantal\tPrijs\tBedrag',
        `${first}\t38\t24,50\t931,00`,
        'Microsoft 365 januari 2026\t38\t20,60\t782,80',
        'Ondersteuning op locatie\t3,5\t92,50\t323,75',
      ]).output.service_period;
    expect(rows('Beheer werkplekken januari 2026')).toEqual({ from: '2026-01-01', to: '2026-01-31' });
    // Rows naming different months date nothing.
    expect(rows('Beheer werkplekken december 2025')).toBeNull();
  });
});

describe('charges and allowances on the whole invoice', () => {
  const german = (totals: string[]) => [
    'Kessler Messtechnik GmbH · Gewerbering 14 · 73479 Ellwangen',
    'Rechnung an: Vandersteen Industrial Services BV, Industrieweg 88, 3583 Beringen',
    'Rechnungsnummer: RE-2026-0047',
    'Rechnungsdatum: 16.01.2026',
    'Pos.\tBezeichnung\tMenge\tEinzelpreis\tGesamt',
    '1\tDigitalmanometer DM 420\t6\t412,00 €\t2.472,00 €',
    '2\tEinschraubfühler Pt100\t12\t68,40 €\t820,80 €',
    ...totals,
  ];

  it('books freight printed above the net as a row of its own, so the rows add up to the net', () => {
    const result = invoice(
      german([
        'Warenwert netto\t3.292,80 €',
        'Verpackung und Fracht\t64,50 €',
        'Nettobetrag\t3.357,30 €',
        'Umsatzsteuer 19 %\t637,89 €',
        'Gesamtbetrag\t3.995,19 €',
      ]),
    );
    expect(result.output.line_items.at(-1)).toMatchObject({
      description: 'Verpackung und Fracht',
      quantity: null,
      unit_price: null,
      amount: 6450,
    });
    expect(failed(result)).toEqual([]);
  });

  it('books a global discount printed without its minus as an allowance', () => {
    const result = invoice(
      german([
        'Zwischensumme\t3.292,80 €',
        'Rabatt 10 %\t329,28 €',
        'Nettobetrag\t2.963,52 €',
        'Umsatzsteuer 19 %\t563,07 €',
        'Gesamtbetrag\t3.526,59 €',
      ]),
    );
    expect(result.output.line_items.at(-1)).toMatchObject({ description: 'Rabatt 10 %', amount: -32928 });
    expect(failed(result)).toEqual([]);
  });

  it('takes nothing for an adjustment that does not close the gap, nor item rows the table missed', () => {
    const unexplained = invoice(
      german([
        'Versand\t5,00 €',
        'Nettobetrag\t3.357,30 €',
        'Umsatzsteuer 19 %\t637,89 €',
        'Gesamtbetrag\t3.995,19 €',
      ]),
    );
    expect(unexplained.output.line_items.map((row) => row.amount)).toEqual([247200, 82080, 500]);
    expect(failed(unexplained)).toContain('line_items_sum_to_net');
    const missed = invoice(
      german([
        '',
        'Übertrag',
        '3\tKalibrierschein\t1\t64,50 €\t64,50 €',
        'Nettobetrag\t3.357,30 €',
        'Umsatzsteuer 19 %\t637,89 €',
        'Gesamtbetrag\t3.995,19 €',
      ]),
    );
    expect(missed.output.line_items.every((row) => row.quantity !== null)).toBe(true);
  });
});

describe('letterheads', () => {
  it('books the place in full where the footer prints what the sender line shortens', () => {
    const result = invoice([
      'Kessler Messtechnik GmbH · Gewerbering 14 · 73479 Ellwangen',
      'Rechnung an: Vandersteen Industrial Services BV, Industrieweg 88, 3583 Beringen',
      'Kessler Messtechnik GmbH\tSitz der Gesellschaft: Ellwangen',
      'Gewerbering 14\tRegistergericht Ulm HRB 726614',
      '73479 Ellwangen (Jagst)\tGeschäftsführer: Dr. Rolf Kessler',
    ]);
    expect(result.output.supplier.address).toBe('Gewerbering 14, 73479 Ellwangen (Jagst)');
  });

  it('books the street in full where the footer spells out what the sender line abbreviates', () => {
    const result = invoice([
      'Brandt Elektrotechnik GmbH · Am Lindenhof Str. 7 · 48149 Münster',
      'Rechnung an: Hofmann Immobilien KG, Ludgeristraße 21, 48143 Münster',
      'Brandt Elektrotechnik GmbH\tAmtsgericht Münster HRB 11873',
      'Am Lindenhof Straße 7\tGeschäftsführer: Paul Brandt',
      '48149 Münster\tUSt-IdNr. DE266311854',
    ]);
    expect(result.output.supplier.address).toBe('Am Lindenhof Straße 7, 48149 Münster');
  });

  it('keeps the sender line’s street when nothing on the page spells it out', () => {
    const result = invoice([
      'Brandt Elektrotechnik GmbH · Lindenhofstr. 7 · 48149 Münster',
      'Rechnung an: Hofmann Immobilien KG, Ludgeristraße 21, 48143 Münster',
    ]);
    expect(result.output.supplier.address).toBe('Lindenhofstr. 7, 48149 Münster');
  });

  it('takes a shop’s salesperson field ("Verkäufer | T. Kessler") for no supplier block', () => {
    const result = invoice([
      'Sport Huber e.K. · Marktplatz 3 · 83022 Rosenheim',
      'Jonas Wimmer\tRechnungs-Nr.\t7781',
      'Innstraße 12\tRechnungsdatum\t04.08.2026',
      '83022 Rosenheim\tKunden-Nr.\t5521',
      'Verkäufer\tM. Huber',
      '',
      'Vielen Dank für Ihren Einkauf!',
    ]);
    expect(result.output.supplier.name).toBe('Sport Huber e.K.');
  });

  it('leaves a professional’s occupation under their name out of the address', () => {
    const result = invoice([
      'CEDENTE / PRESTATORE\tCESSIONARIO / COMMITTENTE',
      'Chiara Fontana\tOfficine Riva S.r.l.',
      'Traduttrice tecnica\tVia dei Mille 8',
      'Corso Vercelli 41\t10152 Torino (TO)',
      '10155 Torino (TO)\tPartita IVA 07643520014',
    ]);
    expect(result.output.supplier.name).toBe('Chiara Fontana');
    expect(result.output.supplier.address).toBe('Corso Vercelli 41, 10155 Torino (TO)');
  });

  it('names the business by the full name above its street rather than the logo’s short one', () => {
    const result = invoice([
      'Sapori di Langa',
      'catering & banqueting',
      '',
      'Sapori di Langa Catering di Giulia Bosio',
      'Via Vittorio Emanuele 57',
      '12051 Alba (CN)',
      'Spett.le Cantine Roero Vini S.r.l., Strada Canale 12, 12043 Canale (CN)',
      'Fattura n. 87/2025 del 29/12/2025',
      'Evento del 19/12/2025 presso la cantina di Canale',
    ]);
    expect(result.output.supplier).toMatchObject({
      name: 'Sapori di Langa Catering di Giulia Bosio',
      address: 'Via Vittorio Emanuele 57, 12051 Alba (CN)',
    });
    expect(result.output.service_date).toBe('2025-12-19');
  });
});

describe('a professional’s fee note (parcella)', () => {
  const parcella = (fees: string[]) => [
    'STUDIO TECNICO',
    'Ing. Paolo Martinelli',
    'Corso Vittorio Emanuele II 154 - 10138 Torino (TO) - tel. 011 433 8120',
    'P.IVA 11234580014',
    'Spett.le',
    'Immobiliare Superga S.r.l.',
    'Via Sacchi 28',
    '10128 Torino (TO)',
    'FATTURA N. 3/2026 del 20/01/2026',
    'Oggetto: prestazioni professionali (incarico del 15/09/2025).',
    '',
    ...fees,
    '',
    'Totale onorari\t5.850,00',
    'Contributo integrativo Inarcassa 4%\t234,00',
    'Imponibile IVA\t6.084,00',
    'IVA 22%\t1.338,48',
    'Totale fattura\t7.422,48',
    "Ritenuta d'acconto 20% su € 5.850,00\t- 1.170,00",
    'Netto a pagare\t€ 6.252,48',
    'Pagamento: bonifico bancario entro il 19/02/2026 sul conto IBAN IT91 J020 0801 0460 0010 4729 385',
  ];

  it('reads its fees without a table header, the fund’s contribution as a charge, the title’s name and the due date', () => {
    const result = invoice(
      parcella([
        'Progettazione strutturale consolidamento solai, fabbricato di Via Sacchi\t3.800,00',
        '28',
        'Direzione lavori strutturali - acconto 50%\t1.600,00',
        'Pratica di deposito sismico\t450,00',
      ]),
    );
    expect(result.output.line_items.map(({ description, amount }) => [description, amount])).toEqual([
      ['Progettazione strutturale consolidamento solai, fabbricato di Via Sacchi 28', 380000],
      ['Direzione lavori strutturali - acconto 50%', 160000],
      ['Pratica di deposito sismico', 45000],
      ['Contributo integrativo Inarcassa 4%', 23400],
    ]);
    expect(result.output).toMatchObject({
      supplier: {
        name: 'Ing. Paolo Martinelli',
        address: 'Corso Vittorio Emanuele II 154, 10138 Torino (TO)',
      },
      due_date: '2026-02-19',
      net: 608400,
      gross: 742248,
      withholding: 117000,
    });
    expect(failed(result)).toEqual([]);
  });

  it('reads no rows that do not add up to the fees’ total', () => {
    const result = invoice(parcella(['Progettazione strutturale\t3.800,00', 'Direzione lavori\t1.500,00']));
    expect(result.output.line_items).toEqual([]);
  });
});

describe('more of what real invoices print', () => {
  it('books a returned item’s quantity positive and its price negative on a credit note', () => {
    const result = invoice([
      'Teekontor Elbufer GmbH · Große Elbstraße 212 · 22767 Hamburg',
      'Rechnung an: Café Lindgrün UG, Südstraße 3, 48153 Münster',
      'Rechnungskorrektur Nr. RK-1042',
      'Datum: 13.01.2026',
      'Pos.\tBeschreibung\tMenge\tEinzelpreis\tGesamt',
      '1\tDarjeeling First Flush, 1 kg\t-2 Stk.\t48,90 €\t-97,80 €',
      'Gesamtbetrag netto\t-97,80 €',
      'zzgl. Umsatzsteuer 7 %\t-6,85 €',
      'Gesamtbetrag brutto\t-104,65 €',
    ]);
    expect(result.output.line_items[0]).toMatchObject({ quantity: 2, unit_price: -4890, amount: -9780 });
    expect(failed(result)).toEqual([]);
  });

  it('takes no recipient from a payment slip’s "To:" and reads a UK address block with its postcode under the town', () => {
    const result = invoice([
      'Harbour & Finch Design Ltd, 27 Victoria Street, Bristol, BS1 6DJ',
      'Oakhill Community Trust',
      'Attention: Finance Team',
      '12 Station Road',
      'Frome',
      'BA11 1BE',
      'Invoice Number: INV-0612',
      'Invoice Date: 9 Jan 2026',
      'Subtotal\t3,550.00',
      'TOTAL VAT 20%\t710.00',
      'TOTAL GBP\t4,260.00',
      'PAYMENT ADVICE',
      'To:',
      'Harbour & Finch Design Ltd',
      '27 Victoria Street',
    ]);
    expect(result.output.recipient).toMatchObject({
      name: 'Oakhill Community Trust',
      address: '12 Station Road, Frome, BA11 1BE',
    });
    // The one currency code the page names heads its amounts.
    expect(result.output.currency).toBe('gbp');
  });

  it('takes no name over an attention line for the supplier’s', () => {
    const result = invoice([
      'Studio Veenstra',
      'Oude Ebbingestraat 41',
      '9712 HC Groningen',
      '',
      'Uitgeverij De Zilveren Spreeuw B.V.',
      't.a.v. mw. R. Hoekstra',
      'Herengracht 318',
      '1016 CE Amsterdam',
      '',
      'Factuurnummer: 2026-004',
    ]);
    expect(result.output.supplier).toMatchObject({
      name: 'Studio Veenstra',
      address: 'Oude Ebbingestraat 41, 9712 HC Groningen',
    });
    expect(result.output.recipient).toMatchObject({
      name: 'Uitgeverij De Zilveren Spreeuw B.V.',
      address: 'Herengracht 318, 1016 CE Amsterdam',
    });
  });

  it('finds a VAT ID after a word that swallowed its prefix, and the second of two labels on one line', () => {
    const result = invoice([
      'Émetteur\tClient',
      'Atelier Lumen SAS\tNordwind Reisen GmbH',
      '14 rue Mercière\tLudwigstraße 12',
      '69002 Lyon\t80539 München',
      'SIREN 852914738\tN° TVA / USt-IdNr. DE298173548',
      'N° TVA FR44852914738',
    ]);
    expect(result.output.supplier.vat_id).toBe('FR44852914738');
    expect(result.output.recipient.vat_id).toBe('DE298173548');
    const swallowed = invoice([
      'Harbour & Finch Design Ltd',
      '12 Station Road\tVAT Number',
      'Frome\tGB 284 7193 26',
    ]);
    expect(swallowed.output.supplier.vat_id).toBe('GB284719326');
  });

  it('reads a tax adviser’s fee table ("Gegenstand der Tätigkeit | Menge | Einzelbetrag | Betrag") and its period', () => {
    const result = invoice([
      'Brandstätter & Kollegen StBG mbH · Maximilianstraße 41 · 86150 Augsburg',
      'Holzbau Reißner GmbH',
      'Lechfeldstraße 18',
      '86399 Bobingen',
      'Rechnungs-Nr.: 2026/0142',
      'Datum: 12.01.2026',
      'für Leistungen im Zeitraum 01.10.2025 bis 31.12.2025',
      'Pos.\tGegenstand der Tätigkeit\tMenge\tEinzelbetrag\tBetrag EUR',
      '1\tLaufende Finanzbuchhaltung\t3 Monate\t396,40\t1.189,20',
      '2\tLohnabrechnungen\t42 Abr.\t18,50\t777,00',
      'Summe der Gebühren und Auslagen\t1.966,20',
      'zuzüglich 19 % Umsatzsteuer\t373,58',
      'Rechnungsbetrag\t2.339,78',
    ]);
    expect(result.output.line_items.map((row) => [row.quantity, row.unit_price, row.amount])).toEqual([
      [3, 39640, 118920],
      [42, 1850, 77700],
    ]);
    expect(result.output.service_period).toEqual({ from: '2025-10-01', to: '2025-12-31' });
  });

  it('holds an invoice whose item lines above the totals were not read as items', () => {
    const result = invoice([
      'Brandstätter & Kollegen StBG mbH · Maximilianstraße 41 · 86150 Augsburg',
      'Rechnung an: Holzbau Reißner GmbH, Lechfeldstraße 18, 86399 Bobingen',
      'Rechnungs-Nr.: 2026/0142',
      'Datum: 12.01.2026',
      'Laufende Finanzbuchhaltung\t3\t396,40\t1.189,20',
      'Lohnabrechnungen\t42\t18,50\t777,00',
      'Summe netto\t1.966,20',
      'zuzüglich 19 % Umsatzsteuer\t373,58',
      'Rechnungsbetrag\t2.339,78',
    ]);
    expect(result.output.line_items).toEqual([]);
    expect(result.checks).toContainEqual(expect.objectContaining({ name: 'line_items_read', passed: false }));
    expect(result.confidence).toBeLessThan(80);
  });
});

describe('deferred invoices and item codes', () => {
  const deferred = (second: string) => [
    'Colombo Forniture Industriali S.p.A., Via Valassina 128, 20851 Lissone (MB)',
    'Spett.le Edilnord Costruzioni S.r.l., Via per Cantù 9, 22060 Cabiate (CO)',
    'Tipo documento\tNumero\tData\tPartita IVA cliente',
    'FATTURA DIFFERITA\t1187\t31/03/2026\t03117645022',
    'Codice articolo\tDescrizione\tQuantità\tPrezzo\tImporto',
    'RIF. DDT N. 412 DEL 05/03/2026',
    'VT-M8X60\tVITE T.E. M8X60 ZINCATA\t500\t0,18\t90,00',
    second,
    'TAS-10X60\tTASSELLO NYLON 10X60\t400\t0,21\t84,00',
  ];

  it('dates the supply by its one delivery note, and reads the customer’s VAT ID under a header cell naming it', () => {
    const result = invoice(deferred('RIF. DDT N. 412 DEL 05/03/2026'));
    expect(result.output.service_date).toBe('2026-03-05');
    expect(result.output.recipient.vat_id).toBe('IT03117645022');
  });

  it('dates nothing by delivery notes of different days', () => {
    const result = invoice(deferred('RIF. DDT N. 430 DEL 12/03/2026'));
    expect(result.output.service_date).toBeNull();
  });

  it('drops the article code every row’s description opens with, and no word when only some do', () => {
    const rows = (second: string) =>
      invoice([
        'Aantal\tOmschrijving\tPrijs\tBedrag',
        '1\tST-FS131 STIHL FS 131 bosmaaier\t€ 789,00\t€ 789,00',
        `2\t${second}\t€ 20,00\t€ 40,00`,
      ]).output.line_items.map((row) => row.description);
    expect(rows('MD-27208 Maaidraad rond 2,7 mm')).toEqual([
      'STIHL FS 131 bosmaaier',
      'Maaidraad rond 2,7 mm',
    ]);
    expect(rows('Maaidraad rond 2,7 mm')).toEqual([
      'ST-FS131 STIHL FS 131 bosmaaier',
      'Maaidraad rond 2,7 mm',
    ]);
  });
});

describe('labels and blocks from round 5’s programs', () => {
  it('reads a subscription row’s period line as the service period, not as its description', () => {
    const result = invoice([
      'Invoice number\t8F3C21A7-0007',
      'Date of issue\tJuly 1, 2025',
      'Description\tQty\tUnit price\tAmount',
      'Fernhill Insights - Team plan\t12\t$49.00\t$588.00',
      'Jul 1 – Jul 31, 2025',
      'Priority support\t1\t$199.00\t$199.00',
      'Total\t$787.00',
    ]);
    expect(result.output.line_items[0]?.description).toBe('Fernhill Insights - Team plan');
    expect(result.output.service_period).toEqual({ from: '2025-07-01', to: '2025-07-31' });
  });

  it('reads "IE VAT IE3318426J", "Invoice Reference", "Dates of service" and the number under a title', () => {
    const english = invoice([
      'Fernhill Labs Limited\tBill to',
      '2 Grand Canal Square\tKessler Maschinenbau GmbH',
      'Dublin 2\tGewerbering 12',
      'D02 A342\t73433 Aalen',
      'IE VAT IE3318426J\tDE VAT DE308172656',
      'Invoice Reference\tHLC-0042',
      'Dates of service: 1 Feb 2026 to 28 Feb 2026',
    ]);
    expect(english.output).toMatchObject({
      invoice_number: 'HLC-0042',
      service_period: { from: '2026-02-01', to: '2026-02-28' },
      supplier: { vat_id: 'IE3318426J' },
      recipient: { vat_id: 'DE308172656' },
    });
    const spanish = invoice(['IEC\tFACTURA', 'Instalaciones Eléctricas Cántabras\tF-2026-0064']);
    expect(spanish.output.invoice_number).toBe('F-2026-0064');
  });

  it.each([
    ["Date d'intervention\t04/03/2026", '2026-03-04'],
    ['Datum reportage: 14-03-2026', '2026-03-14'],
    ['Fecha de operación\t27/02/2026', '2026-02-27'],
  ])('takes "%s" for the date of supply without asking', (line, date) => {
    const result = invoice(['Facture n° 2026-031', 'Date : 06/03/2026', line]);
    expect(result.output.service_date).toBe(date);
    expect(result.checks.map((c) => c.name)).not.toContain('service_date_label_known');
  });

  it('ends an address at its place (and a country), and reads a tax adviser’s firm as a name', () => {
    const result = invoice([
      'Jonas Kessler Webentwicklung, Karl-Heine-Straße 93, 04229 Leipzig',
      '',
      'Hofmann & Partner Steuerberatungsgesellschaft mbB',
      'z. Hd. Frau Anja Hofmann',
      'Königsbrücker Straße 15',
      '01099 Dresden',
      '',
      'Rechnung',
    ]);
    expect(result.output.recipient).toMatchObject({
      name: 'Hofmann & Partner Steuerberatungsgesellschaft mbB',
      address: 'Königsbrücker Straße 15, 01099 Dresden',
    });
    const trailing = invoice([
      'Lieferant: Instalaciones Eléctricas Cántabras, S.L.',
      'C/ Castilla, 58, bajo',
      '39009 Santander',
      'Empresa instaladora REBT nº 39-0412',
    ]);
    expect(trailing.output.supplier.address).toBe('C/ Castilla, 58, bajo, 39009 Santander');
  });
});

describe('quantities where the headings put them', () => {
  it('reads a "Tarief" column as the price and a quantity heading shared with the description', () => {
    const dutch = invoice([
      'Omschrijving\tAantal\tTarief\tBtw\tBedrag',
      'Ontwikkeling koppeling WMS - TMS (uren)\t64\t€ 85,00\t21%\t€ 5.440,00',
    ]);
    expect(dutch.output.line_items[0]).toMatchObject({ quantity: 64, unit_price: 8500, amount: 544000 });
    const german = invoice([
      'Pos. Art.-Nr.\tMenge Einheit / Bezeichnung\tEinzelpreis\tGesamtpreis',
      '1\t100\t6,50 Std. Arbeitszeit Elektroinstallateur\t58,00 €\t377,00 €',
      '2\t110\t1,00 psch. Anfahrtspauschale Zone 2\t35,00 €\t35,00 €',
    ]);
    expect(german.output.line_items.map(({ description, quantity }) => [description, quantity])).toEqual([
      ['Arbeitszeit Elektroinstallateur', 6.5],
      ['Anfahrtspauschale Zone 2', 1],
    ]);
  });

  it('keeps a number opening a description when it does not give the amount', () => {
    const result = invoice([
      'Pos.\tBezeichnung\tEinzelpreis\tGesamtpreis',
      '1\t3 Zimmer Altbau streichen\t58,00 €\t377,00 €',
    ]);
    expect(result.output.line_items[0]).toMatchObject({
      description: '3 Zimmer Altbau streichen',
      quantity: null,
    });
  });
});

describe('rows with a tax cell, and a country under the customer', () => {
  it('reads rows whose tax column prints "IVA 21%" and books the customer’s NIF under its country line', () => {
    const result = invoice([
      'Nimbo Cloud Solutions, S.L.',
      'Calle de Orense, 34, planta 7',
      '28020 Madrid',
      '',
      'Gestoría Alcalá Asesores, S.L.P.',
      'Calle Mayor, 41, 1º',
      '28801 Alcalá de Henares (Madrid)',
      'España',
      'NIF: B86123478',
      '',
      'Factura INV/2026/00087',
      'Descripción\tCantidad\tPrecio unitario\tImpuestos\tImporte',
      'Implantación módulo Contabilidad\t24,00 Horas\t65,00\tIVA 21%\t1.560,00 €',
      'Migración de datos\t10,00 Horas\t65,00\tIVA 21%\t650,00 €',
      'Base imponible\t2.210,00 €',
    ]);
    expect(result.output.line_items.map((row) => row.amount)).toEqual([156000, 65000]);
    expect(result.output.recipient).toMatchObject({
      name: 'Gestoría Alcalá Asesores, S.L.P.',
      address: 'Calle Mayor, 41, 1º, 28801 Alcalá de Henares (Madrid), España',
      vat_id: 'ESB86123478',
    });
  });
});

describe('a web shop’s order invoice', () => {
  it('reads "× 2" as the quantity and books the shipping between the rows and the gross towards it', () => {
    const result = invoice([
      'Teehaus Nordlicht UG (haftungsbeschränkt) · Holtenauer Straße 112 · 24105 Kiel',
      'Rechnungsadresse: Tobias Wendt, Lübecker Landstraße 8a, 23611 Bad Schwartau',
      'Rechnung Nr. NL1047',
      'Rechnungsdatum: 18.03.2026',
      'Artikel-Nr.\tArtikel\tPreis\tMenge\tMwSt.\tSumme',
      'OF-250\tOstfriesen Blatt Broken, 250 g\t8,90 €\t× 2\t7 %\t17,80 €',
      'GK-12\tGlasteekanne mit Stövchen\t29,90 €\t× 1\t19 %\t29,90 €',
      '',
      'Zwischensumme\t47,70 €',
      'Versand DHL Paket\t4,95 €',
      'Gesamtsumme (inkl. MwSt.)\t52,65 €',
      'Steuersatz\tNetto\tMwSt.\tBrutto',
      '7 %\t21,26 €\t1,49 €\t22,75 €',
      '19 %\t25,29 €\t4,61 €\t29,90 €',
      'Summe\t46,55 €\t6,10 €\t52,65 €',
    ]);
    expect(result.output).toMatchObject({ net: 4655, vat_amount: 610, gross: 5265 });
    expect(
      result.output.line_items.map(({ quantity, unit_price, amount }) => [quantity, unit_price, amount]),
    ).toEqual([
      [2, 890, 1780],
      [1, 2990, 2990],
      [null, null, 495],
    ]);
    expect(result.checks).toContainEqual(
      expect.objectContaining({ name: 'line_items_sum_to_net', passed: true }),
    );
  });
});

describe('item tables with a net and a gross column', () => {
  it('takes the column before the VAT column for the row’s amount ("SUBTOTAL | IVA | TOTAL")', () => {
    const result = invoice([
      'CONCEPTO\tPRECIO\tUNIDADES\tSUBTOTAL\tIVA\tTOTAL',
      'Rediseño web corporativa\t3.200,00 €\t1\t3.200,00 €\t21%\t3.872,00 €',
      'Sesión fotográfica\t650,00 €\t1\t650,00 €\t21%\t786,50 €',
      'Base imponible\t3.850,00 €',
    ]);
    expect(result.output.line_items.map(({ unit_price, amount }) => [unit_price, amount])).toEqual([
      [320000, 320000],
      [65000, 65000],
    ]);
  });
});

describe('checks from round 6’s wrong completions', () => {
  it('holds an invoice whose taxable amounts per rate were worked out from their VAT, not printed', () => {
    const result = invoice([
      'Teehaus Nordlicht UG, Holtenauer Straße 112, 24105 Kiel',
      'Rechnung an: Tobias Wendt, Lübecker Landstraße 8a, 23611 Bad Schwartau',
      'Rechnungsnummer: 2026-118',
      'Rechnungsdatum: 18.03.2026',
      'Nettobetrag\t443,24 €',
      'USt. 7 %\t23,02 €',
      'USt. 19 %\t21,75 €',
      'Gesamtbetrag\t488,01 €',
    ]);
    expect(result.checks).toContainEqual(
      expect.objectContaining({ name: 'vat_bases_printed', passed: false }),
    );
    expect(result.confidence).toBeLessThan(80);
    // The review page marks the breakdown, the field the check doubts, not the rest.
    expect(result.output.field_confidence?.vat_breakdown).toBeLessThan(80);
    expect(result.output.field_confidence?.invoice_number).toBeGreaterThanOrEqual(80);
  });

  it('takes an article code for no party’s name', () => {
    const result = invoice([
      'Lieferant: PR24-KG',
      'Kunde: Trattoria Da Nino S.r.l., Via Roma 3, 43121 Parma',
      'Fattura n. 2026/FA/00871 del 24/03/2026',
      'Imponibile\t100,00 €',
      'IVA 22%\t22,00 €',
      'Totale fattura\t122,00 €',
    ]);
    expect(result.checks).toContainEqual(
      expect.objectContaining({ name: 'party_names_plausible', passed: false }),
    );
  });
});

describe('Indian GST invoices', () => {
  const indian = (reverse: string) => [
    'Kaveri Cloudworks Private Limited',
    '3rd Floor, 41 Residency Road',
    'Bengaluru, Karnataka 560025',
    'GSTIN 29AAJCK4821M1Z1',
    'Bill To: Nilgiri Organics LLP, 12/4 Bannerghatta Main Road, Bengaluru 560076',
    'GSTIN 29AATFN6619Q1Z2',
    'Invoice No: INV-000214',
    'Invoice Date: 05 Jan 2026',
    'Sub Total\t2,87,000.00',
    'CGST9 (9%)\t25,830.00',
    'SGST9 (9%)\t25,830.00',
    'Total\tRs.3,38,660.00',
    reverse,
  ];

  it('reads lakh-grouped amounts, GSTINs by their check character, and CGST + SGST as one GST of 18 %', () => {
    const result = invoice(indian('Whether tax is payable under reverse charge: No.'));
    expect(result.output).toMatchObject({
      supplier: { vat_id: '29AAJCK4821M1Z1' },
      recipient: { vat_id: '29AATFN6619Q1Z2' },
      currency: 'inr',
      net: 28700000,
      vat_rate: 18,
      vat_amount: 5166000,
      gross: 33866000,
      vat_breakdown: [{ category: 'S', rate: 18, net: 28700000, vat: 5166000 }],
    });
  });

  it('takes no GSTIN whose check character fails', () => {
    const result = invoice(indian('').map((line) => line.replace('29AAJCK4821M1Z1', '29AAJCK4821M1Z2')));
    expect(result.output.supplier.vat_id).toBeNull();
  });
});

describe('a number under the title', () => {
  it('takes no street with a number sign under the title for the invoice number', () => {
    const result = invoice([
      'Brightpath Software Solutions Pvt. Ltd.',
      'TAX INVOICE',
      'B\t#42, 3rd Floor, 100 Feet Road, Indiranagar',
      'Bengaluru Karnataka 560038',
      '# INV-000214',
    ]);
    expect(result.output.invoice_number).toBe('INV-000214');
  });
});

describe('dates and IDs named in sentences', () => {
  it('takes no invoice date from a payment term counted from it, and books "N° TVA client" for the client', () => {
    const result = invoice([
      'Maison Lefèvre Traiteur SAS, 118 rue Duguesclin, 69006 Lyon',
      'Numéro\tFA00312',
      'Date\t23/03/2026',
      'Adresse de facturation : Delorme & Associés Avocats SELARL, 4 place Bellecour, 69002 Lyon',
      'N° TVA client : FR24799155262',
      'Conditions de règlement : 30 jours date de facture, soit le 22/04/2026',
      'N° TVA FR35433902186',
    ]);
    expect(result.output.issue_date).toBe('2026-03-23');
    expect(result.output.recipient.vat_id).toBe('FR24799155262');
    expect(result.output.supplier.vat_id).toBe('FR35433902186');
  });

  it('still reads an invoice date label after a street ending in "d" ("Ledbury Road | Invoice date")', () => {
    const result = invoice(['Ledbury Road\tInvoice date\t15/11/2024']);
    expect(result.output.issue_date).toBe('2024-11-15');
  });
});

describe('lump sums in an item table', () => {
  const painter = (row: string) =>
    invoice([
      'Malerbetrieb Jens Kühn · Lindenstraße 4 · 04229 Leipzig',
      'Frau Dr. Anna Weber',
      'Gohliser Straße 17',
      '04155 Leipzig',
      'Rechnungsnummer\t2026-031',
      'Rechnungsdatum\t16.03.2026',
      'Beschreibung\tMenge Einheit\tEinzelpreis\tBetrag',
      'Decken streichen\t32,00 m²\t11,50 €\t368,00 €',
      row,
      'Zwischensumme (netto)\t513,00 €',
      'Umsatzsteuer 19 %\t97,47 €',
      'Gesamtbetrag\t610,47 €',
      'IBAN DE19 8605 5000 1102 7745 39',
    ]);

  it('books "1 pauschal" over an empty price cell as a lump sum, without quantity or unit price', () => {
    const result = painter('Abdecken und Abkleben\t1 pauschal\t\t145,00 €');
    expect(result.output.line_items.map(({ source, ...row }) => row)[1]).toEqual({
      description: 'Abdecken und Abkleben',
      quantity: null,
      unit_price: null,
      amount: 14500,
    });
    expect(failed(result)).not.toContain('line_items_complete');
  });

  it('still holds a row whose quantity is not one lump sum and whose price is missing', () => {
    const result = painter('Abdecken und Abkleben\t2 Stk.\t\t145,00 €');
    expect(failed(result)).toContain('line_items_complete');
    expect(result.confidence).toBeLessThan(80);
  });
});

describe('names that are none: firm names, wrapped sentences, article codes', () => {
  it('reads a tax firm ("Steuerkanzlei …") under a sender line as the recipient, not as a tax number', () => {
    const result = invoice([
      'Bürotechnik Hanse GmbH, Wendenstraße 255, 20537 Hamburg',
      '',
      'Steuerkanzlei Brandt & Partner mbB',
      'Buchhaltung',
      'Breite Straße 62',
      '23552 Lübeck',
      '',
      'Rechnung 700045 vom 12.03.2026',
      'Summe netto\t480,90',
      'zzgl. 19 % USt\t91,37',
      'Rechnungsbetrag EUR\t572,27',
      'USt-IdNr. DE318774022 · IBAN DE51 2005 0550 1263 8800 14',
    ]);
    expect(result.output.recipient).toMatchObject({
      name: 'Steuerkanzlei Brandt & Partner mbB',
      address: 'Breite Straße 62, 23552 Lübeck',
    });
    expect(result.output.supplier.name).toBe('Bürotechnik Hanse GmbH');
  });

  it('takes no supplier from a sentence that wraps after the name’s legal form, but from the footer block', () => {
    const result = invoice([
      'GLANS',
      'schoonmaakdiensten',
      '',
      'Notariskantoor Van Leeuwen & De Boer',
      'Maliesingel 12',
      '3581 BH Utrecht',
      '',
      'Factuurnummer: 20260088',
      'Factuurdatum: 01-04-2026',
      'Totaal excl. btw\t2.143,44',
      'Btw 21%\t450,12',
      'Totaal incl. btw\tEUR 2.593,56',
      'Wij verzoeken u het bedrag over te maken op NL25 INGB 0006 7128 43 t.n.v. Glans',
      'Schoonmaakdiensten B.V. onder vermelding van factuurnummer 20260088.',
      '',
      'Glans Schoonmaakdiensten B.V.\tKvK 61774093',
      'Atoomweg 63\tBtw-nr. NL855204175B01',
      '3542 AA Utrecht',
    ]);
    expect(result.output.supplier).toMatchObject({
      name: 'Glans Schoonmaakdiensten B.V.',
      address: 'Atoomweg 63, 3542 AA Utrecht',
    });
  });

  it('takes no article code with a unit in it ("PR24-KG") for a company with a legal form', () => {
    const result = invoice([
      'Spett.le Trattoria Al Pellegrino S.a.s.',
      'Via della Repubblica, 77',
      '42121 Reggio Emilia (RE)',
      'FATTURA N. 2026/FA/00871 del 24/03/2026',
      'Codice\tDescrizione\tUM\tQuantità\tPrezzo\tImporto',
      'PR24-KG\tPARMIGIANO REGGIANO DOP\tKG\t12,35\t18,90\t233,42',
      'PASTA-KG\tTAGLIATELLE ALL’UOVO\tKG\t15,00\t6,40\t96,00',
      'Totale imponibile\t329,42',
      'IVA 4%\t13,18',
      'TOTALE FATTURA\t€ 342,60',
      'Ghirardi Alimentari S.p.A. - Cap. soc. € 1.200.000,00 i.v. - P.IVA 01844030344',
    ]);
    expect(result.output.supplier.name).toBe('Ghirardi Alimentari S.p.A.');
  });
});

describe('a garage’s workshop invoice', () => {
  it('dates the supply by "Datum werk" and books the legal name the footer prints for the letterhead’s', () => {
    const result = invoice([
      'AUTOBEDRIJF VAN DIJK',
      'Kapelweg 48',
      '3818 BN Amersfoort',
      '',
      'Dhr. P.J. Jansen\tFactuurnr.\t26-0613',
      'Leusderweg 211\tFactuurdatum\t18-03-2026',
      '3817 KD Amersfoort',
      'Datum werk\t17-03-2026',
      'Subtotaal\t554,30',
      'BTW 21%\t116,40',
      'Te betalen\t€ 670,70',
      'Autobedrijf Van Dijk V.O.F.\tBTW NL813664020B01\tIBAN NL96 RABO 0314 5572 02',
    ]);
    expect(result.output.service_date).toBe('2026-03-17');
    expect(failed(result)).not.toContain('service_date_label_known');
    expect(result.output.supplier.name).toBe('Autobedrijf Van Dijk V.O.F.');
  });
});

describe('a VAT amount printed without its rate', () => {
  const joinery = (vat: string, gross: string) =>
    invoice([
      'Hartley & Finch Joinery Ltd',
      'Unit 7, Parkway Industrial Estate',
      'Sheffield',
      'S9 3BL',
      'Invoice No\t1187',
      'Invoice Date\t20 Mar 2026',
      'Invoice To',
      'The Old Mill Bakery Ltd',
      '14 Kings Road',
      'Harrogate',
      'HG1 5JX',
      'Qty\tDescription\tUnit Price\tVAT\tNet',
      '1\tBespoke oak serving counter\t3,860.00\t20%\t3,860.00',
      '4\tWall-mounted bread racks\t425.00\t20%\t1,700.00',
      'Net Amount\t£5,560.00',
      `VAT Amount\t£${vat}`,
      `Invoice Total\t£${gross}`,
      'VAT Registration No: GB318472649',
    ]);

  it('takes the rate the rows print when the net at that rate gives the VAT', () => {
    const result = joinery('1,112.00', '6,672.00');
    expect(result.output.vat_rate).toBe(20);
    expect(result.output.vat_breakdown).toEqual([{ category: 'S', rate: 20, net: 556000, vat: 111200 }]);
    expect(failed(result)).not.toContain('vat_split_by_rate');
  });

  it('takes no rate that does not give the VAT, and holds the invoice', () => {
    const result = joinery('1,000.00', '6,560.00');
    expect(result.output.vat_rate).toBeNull();
    expect(result.confidence).toBeLessThan(80);
  });
});

describe('a French caterer’s and a builder’s invoice', () => {
  const french = (terms: string, works = 'Travaux réalisés du 10 au 21 mars 2025') =>
    invoice([
      'Maison Lefèvre Traiteur SAS',
      '118 rue Duguesclin',
      '69006 Lyon',
      'Adresse de facturation',
      'Delorme & Associés SELARL',
      '4 place Bellecour',
      '69002 Lyon',
      'Facture N° : FA00312',
      'Date : 23/03/2026',
      works,
      'Réf.\tDésignation\tQté\tPU HT\tTotal HT',
      'COCK-24\tCocktail dînatoire\t60\t28,50\t1 710,00',
      'SERV-H\tMaître d’hôtel (heures)\t16\t34,00\t544,00',
      'Total HT\t2 254,00 €',
      'TVA 10 %\t225,40 €',
      'Total TTC\t2 479,40 €',
      terms,
      'IBAN : FR76 1009 6180 4500 0722 1450 102',
    ]);

  it('reads "PU HT" as the unit price, "du 10 au 21 mars" as the period, and the due date after "soit le"', () => {
    const result = french('Conditions de règlement : 30 jours date de facture, soit le 22/04/2026');
    expect(result.output.line_items.map((row) => row.unit_price)).toEqual([2850, 3400]);
    expect(result.output.service_period).toEqual({ from: '2025-03-10', to: '2025-03-21' });
    expect(result.output.due_date).toBe('2026-04-22');
    expect(failed(result)).not.toContain('due_date_read');
  });

  it('holds an invoice whose payment line names a date no rule reads as its due date', () => {
    const result = french('Conditions de règlement : fin de mois, le 30/04/2026 au plus tard');
    expect(result.output.due_date).toBeNull();
    expect(failed(result)).toContain('due_date_read');
    expect(result.confidence).toBeLessThan(80);
  });
});

describe('headings merged in one cell, and descriptions that swallowed their cells', () => {
  const table = (header: string, rows: string[]) =>
    invoice([
      'Studio Pixel SAS',
      '12 rue de la Paix',
      '75002 Paris',
      'Facturé à : Boutique Lune SARL, 4 quai Perrache, 69002 Lyon',
      'Facture N° : F-2026-014',
      'Date : 02/03/2026',
      header,
      ...rows,
      'Total HT\t5 175,00 €',
      'TVA 20 %\t1 035,00 €',
      'Total TTC\t6 210,00 €',
      'IBAN : FR76 1009 6180 4500 0722 1450 102',
    ]);

  it('reads prices under "Quantité Prix unitaire HT" and the quantities run into the descriptions', () => {
    const result = table('Désignation\tQuantité Prix unitaire HT\tTotal HT', [
      'Développement module réservation 9 jour\t450,00 €\t4 050,00 €',
      'Intégration paiement 2,5 jour\t450,00 €\t1 125,00 €',
    ]);
    expect(result.output.line_items.map(({ source, ...row }) => row)).toEqual([
      { description: 'Développement module réservation', quantity: 9, unit_price: 45000, amount: 405000 },
      { description: 'Intégration paiement', quantity: 2.5, unit_price: 45000, amount: 112500 },
    ]);
  });

  it('holds a row whose description ends in a price its cells ran into', () => {
    const result = table('Description\tQuantité P.U. HTVA TVA\tTotal HTVA', [
      'Walking dinner\t60 pers.\t34,50\t20%\t2 070,00',
      'Service en salle\t12 h\t258,75\t20%\t3 105,00',
    ]);
    expect(failed(result)).toContain('line_items_complete');
    expect(result.confidence).toBeLessThan(80);
  });
});

describe('an Italian tradesman’s invoice', () => {
  it('dates the supply by "intervento del" and books the business with its owner as the sender line names it', () => {
    const result = invoice([
      'TERMOIDRAULICA ESPOSITO',
      'Termoidraulica Esposito di Ciro Esposito - Via Domenico Cimarosa 112 - 80127 Napoli (NA) - P.IVA 07845120638',
      'Gent.ma Sig.ra',
      'Francesca Gallo',
      'Via Luca Giordano 45',
      '80127 Napoli (NA)',
      'FATTURA N. 37/2025 DEL 05/11/2025',
      'Oggetto: intervento del 03/11/2025 presso Vs. abitazione',
      'IMPONIBILE\t€ 538,30',
      'IVA 10%\t€ 53,83',
      'TOTALE FATTURA\t€ 592,13',
    ]);
    expect(result.output.service_date).toBe('2025-11-03');
    expect(result.output.supplier.name).toBe('Termoidraulica Esposito di Ciro Esposito');
  });
});

describe('a register notice in the footer', () => {
  it('takes no registry entry ("Inscrita en el Registro Mercantil …, Hoja VA-21844") for the supplier’s address', () => {
    const result = invoice([
      'FACTURA Nº A/2026/000457',
      'Fecha: 13/03/2026',
      'Cliente: Mesón Casa Lucio S.L., Calle Mayor, 9, 28013 Madrid',
      'BASE IMPONIBLE\t464,00',
      'IVA 21%\t97,44',
      'TOTAL FACTURA\t561,44 €',
      'Distribuciones Ribera del Pisuerga S.L. - Inscrita en el Registro Mercantil de Valladolid, Tomo 1.387, Folio 112, Hoja VA-21844 - CIF B47265137',
    ]);
    expect(result.output.supplier.address).toBeNull();
    expect(result.confidence).toBeLessThan(80);
  });
});

describe('from round 7’s wrong completions', () => {
  it('numbers a credit note by its "Numero" heading, not by the invoice it cites ("Ns. fattura n. 611")', () => {
    const result = invoice([
      'Lanificio Sella Valsesia S.p.A.',
      'Via per Borgosesia, 18',
      '13011 Borgosesia (VC)',
      'Destinatario: Sartoria Ferraris S.r.l., Corso Vinzaglio, 24, 10121 Torino (TO)',
      'Tipo documento\tNumero\tData',
      'NOTA DI CREDITO (TD04)\tNC/14\t16/04/2026',
      'Riferimento documento: Ns. fattura n. 611 del 26/03/2026',
      'Imponibile\t150,00',
      'IVA 22%\t33,00',
      'Totale nota di credito EUR\t183,00',
    ]);
    expect(result.output.invoice_number).toBe('NC/14');
  });

  it('drops a code of capitals standing in a cell of its own before the description', () => {
    const result = invoice([
      'Werbetechnik Kraus GmbH, Vogelsanger Str. 7, 50823 Köln',
      'Rechnung an: Praxis Dr. Adam, Ringstraße 3, 50667 Köln',
      'Rechnungsnummer: RE-2026-0311',
      'Rechnungsdatum: 20.03.2026',
      'Pos Art.-Nr.\tBeschreibung\tMenge Einheit Einzelpreis\tGesamtpreis',
      '1\tLK-2406\tLED-Leuchtkasten 2400 x 600 mm\t1 Stk.\t1.489,00 €\t1.489,00 €',
      '2\tMON\tMontage vor Ort, 2 Monteure\t5,5 Std.\t68,00 €\t374,00 €',
      'Gesamt netto\t1.863,00 €',
      'zzgl. Umsatzsteuer 19 %\t353,97 €',
      'Gesamtbetrag\t2.216,97 €',
    ]);
    expect(result.output.line_items.map((row) => row.description)).toEqual([
      'LED-Leuchtkasten 2400 x 600 mm',
      'Montage vor Ort, 2 Monteure',
    ]);
  });

  it('holds an invoice that prints a range of dates it read as no period ("Bouwperiode 16-03 t/m 10-04")', () => {
    const lines = (label: string) => [
      'Stukadoorsbedrijf R. van Dijk, Industrieweg 14, 3905 LK Veenendaal',
      'Factuur aan: Bouwbedrijf Hendriks B.V., Nijverheidsweg 3, 3911 TH Rhenen',
      'Factuurnummer\t2026-0041',
      'Factuurdatum\t13-04-2026',
      `${label}\t16-03-2026 t/m 10-04-2026`,
      'Totaal excl. btw\t4.401,13',
      'Btw 21%\t924,24',
      'Totaal te betalen\t5.325,37',
    ];
    const unknown = invoice(lines('Bouwperiode'));
    expect(unknown.output.service_period).toBeNull();
    expect(failed(unknown)).toContain('service_period_read');
    expect(unknown.confidence).toBeLessThan(80);
    const known = invoice(lines('Werkperiode'));
    expect(known.output.service_period).toEqual({ from: '2026-03-16', to: '2026-04-10' });
    expect(failed(known)).not.toContain('service_period_read');
  });
});

describe('a Spanish architect’s fee invoice', () => {
  const architect = (grid: string) =>
    invoice([
      'JAVIER ORTEGA\tFACTURA',
      'ARQUITECTO',
      'Nº factura\t2026-037',
      'Fecha\t06/04/2026',
      'Javier Ortega Lanza',
      'Vencimiento\t06/05/2026',
      'Calle Alfonso I, 17',
      '50003 Zaragoza',
      'NIF: 17453928X',
      'CLIENTE',
      'Promociones Ebro Norte S.L.',
      'Avenida de Cataluña, 280',
      '50014 Zaragoza',
      'Base imponible\t% IVA\tCuota IVA\t% IRPF\tRetención IRPF\tTOTAL FACTURA',
      '',
      grid,
    ]);

  it('reads the withholding from a totals grid whose rate has no sign, and the name under the logo’s short one', () => {
    const result = architect('6.950,00\t21,00\t1.459,50\t15,00\t-1.042,50\t7.367,00 €');
    expect(result.output.withholding).toBe(104250);
    expect(failed(result)).not.toContain('net_plus_vat_equals_gross');
    expect(result.output.supplier.name).toBe('Javier Ortega Lanza');
  });

  it('takes no withholding the grid’s rate does not prove', () => {
    const result = architect('6.950,00\t21,00\t1.459,50\t15,00\t-1.000,00\t7.409,50 €');
    expect(result.output.withholding).toBeNull();
    expect(result.confidence).toBeLessThan(80);
  });
});

describe('a Spanish corrective invoice and a freelancer’s hours', () => {
  it('numbers a factura rectificativa by "Nº …" beside its title, reads "CANT." and takes no IBAN for a VAT ID', () => {
    const result = invoice([
      'FACTURA RECTIFICATIVA',
      'nubalia\tNº R-2026-007',
      'DE\tPARA',
      'Nubalia Soluciones Informáticas S.L.\tTalleres Mecánicos Turia S.A.',
      'Calle de San Vicente Mártir, 85\tCalle Ciudad de Sevilla, 44',
      '46007 Valencia\t46988 Paterna (Valencia)',
      'Fecha de emisión\t10/04/2026',
      'Factura rectificada\t2026-0311 de fecha 12/03/2026',
      'CONCEPTO\tCANT.\tPRECIO\tTOTAL',
      'Devolución licencias antivirus\t10\t-34,50 €\t-345,00 €',
      'Base imponible\t-345,00 €',
      'IVA 21%\t-72,45 €',
      'TOTAL\t-417,45 €',
      'Nubalia Soluciones Informáticas S.L. - CIF B98321748 - IBAN ES29 0081 0693 6200 0128 4719',
    ]);
    expect(result.output.invoice_number).toBe('R-2026-007');
    expect(result.output.line_items.map((row) => row.quantity)).toEqual([10]);
    expect(result.output.supplier.vat_id).toBe('ESB98321748');
    expect(failed(result)).not.toContain('vat_id_format');
  });

  it('reads an "Ore" column as the quantity', () => {
    const result = invoice([
      'Giulia Rinaldi, Via Po 12, 10123 Torino',
      'Spett.le Ordini Srl, Corso Francia 5, 10138 Torino',
      'Fattura n. 7/2026 del 02/04/2026',
      'Descrizione\tOre\tTariffa (€)\tImporto (€)',
      'Sviluppo backend\t64\t55,00\t3.520,00',
      'Imponibile\t3.520,00',
      'IVA 22%\t774,40',
      'Totale fattura\t4.294,40',
    ]);
    expect(result.output.line_items.map((row) => [row.quantity, row.unit_price])).toEqual([[64, 5500]]);
  });
});

describe('a sole trader’s sender line', () => {
  it('reads "Name - street - place" over the address window as the sender, without a legal form', () => {
    const result = invoice([
      'Lena Vogt',
      'Illustration · Übersetzung',
      'Lena Vogt - Lausitzer Straße 31 - 10999 Berlin',
      'Möwe Kinderbuchverlag GmbH',
      'Große Elbstraße 145',
      '22767 Hamburg',
      'Rechnungsnr.: 2026-0018',
      'Rechnungsdatum: 02.04.2026',
      'Nettobetrag\t2.590,00 €',
      'USt. 7 %\t181,30 €',
      'Rechnungsbetrag\t2.771,30 €',
    ]);
    expect(result.output.supplier).toMatchObject({
      name: 'Lena Vogt',
      address: 'Lausitzer Straße 31, 10999 Berlin',
    });
    expect(result.output.recipient).toMatchObject({
      name: 'Möwe Kinderbuchverlag GmbH',
      address: 'Große Elbstraße 145, 22767 Hamburg',
    });
  });
});

describe('a letterhead spelt otherwise than the footer’s name', () => {
  it('takes no recipient from the supplier’s own address block ("K studio kobalt" over the footer’s "Studio Kobalt BV")', () => {
    const result = invoice([
      'K studio kobalt',
      'Kortrijksesteenweg 1093',
      '9051 Gent',
      '',
      'Brouwerij De Vier Winden BV',
      'T.a.v. Pieter Vandamme',
      'Stationsstraat 58',
      '8370 Blankenberge',
      '',
      'Factuur 2026/127',
      'Factuurdatum\t15/04/2026',
      'Totaal excl. btw\t€ 2.400,00',
      'Btw 21%\t€ 504,00',
      'Totaal incl. btw\t€ 2.904,00',
      'Studio Kobalt BV · Kortrijksesteenweg 1093 · 9051 Gent · BTW BE 0751.328.445',
    ]);
    expect(result.output.recipient.name).toBe('Brouwerij De Vier Winden BV');
  });
});

describe('item tables in groups', () => {
  it('appends no group heading ("Lohn", "Material", "Lot 2 - …") to the row above it', () => {
    const result = invoice([
      'Haustechnik Brenner GmbH, Wilhelmshöher Allee 88, 34119 Kassel',
      'Rechnung an: Sabine Ebert, Goethestraße 4, 34119 Kassel',
      'Rechnungsnummer: RE-2026-0388',
      'Rechnungsdatum: 11.05.2026',
      'Art.-Nr.\tBezeichnung\tMenge ME\tEP netto\tGP netto',
      'Lohn',
      'L-100\tArbeitszeit Monteur\t3,5 Std.\t72,00\t252,00',
      'L-900\tAnfahrtspauschale Stadtgebiet Kassel\t1 psch.\t39,00\t39,00',
      'Material',
      '4210388\tHeizkörperventil Danfoss RA-N 15\t4 Stk.\t28,65\t114,60',
      'Summe netto\t405,60',
      'zzgl. 19 % USt.\t77,06',
      'Rechnungsbetrag\t482,66',
    ]);
    expect(result.output.line_items.map((row) => row.description)).toEqual([
      'Arbeitszeit Monteur',
      'Anfahrtspauschale Stadtgebiet Kassel',
      'Heizkörperventil Danfoss RA-N 15',
    ]);
  });
});

describe('a bilingual credit note', () => {
  it('dates it by "Datum / Date", not by the corrected invoice’s date, and keeps "Wareneingang / Buchhaltung" out of the address', () => {
    const result = invoice([
      'Alpenglück Naturkosmetik GmbH | Kufsteiner Straße 96 | 83022 Rosenheim',
      'Gutschrift-Nr. / Credit note no.\tGS-2026-0061',
      'Drogerie Haberl e.K.\tDatum / Date\t19.05.2026',
      'Wareneingang / Buchhaltung\tKunden-Nr. / Customer no.\t10388',
      'Weißenburger Straße 22\tZu Rechnung / For invoice\tRE-2026-04417',
      '81667 München\tRechnungsdatum / Invoice date\t28.04.2026',
      'Gutschrift / Credit Note',
      'Nettobetrag / Net amount\t285,50 €',
      'USt. 19 % / VAT 19 %\t54,25 €',
      'Gutschriftbetrag / Total credit\t339,75 €',
    ]);
    expect(result.output.document_type).toBe('credit_note');
    expect(result.output.issue_date).toBe('2026-05-19');
    expect(result.output.recipient.address).toBe('Weißenburger Straße 22, 81667 München');
  });
});

describe('a self-billed invoice', () => {
  it('books "Gutschrift (Selbst ausgestellte Rechnung) (389)" as an invoice, its amounts positive', () => {
    const result = invoice([
      'Gutschrift (Selbst ausgestellte Rechnung) (389) Nr. 471102 vom 05.03.2018',
      'Verkäufer',
      'Name:\tLieferant GmbH',
      'Anschrift:\tLieferantenstraße 20',
      'DE 80333 München',
      'Käufer/Leistungsempfänger',
      'Name:\tKunden AG Mitte',
      'Anschrift:\tKundenstraße 15',
      'DE 69876 Frankfurt',
      'Gesamtsumme Positionen netto\t473,00',
      'Umsatzsteuer 19 %\t89,87',
      'Gesamtbetrag brutto\t562,87',
    ]);
    expect(result.output.document_type).toBe('invoice');
    expect(result.output.gross).toBe(56287);
  });
});

describe('round 13’s rules (each a layout seen there, tried here on other words)', () => {
  it('takes a customer label with the customer’s account number ("Kunde 10234") as the recipient’s label', () => {
    const result = invoice([
      'Kunde 10234',
      'Bergmann Maschinenbau KG',
      'Am Kanal 5',
      '26121 Oldenburg',
      '',
      'Nordtec Industriebedarf GmbH',
      'Hafenweg 12',
      '28197 Bremen',
      'Rechnung Nr. 2026-118 vom 02.03.2026',
    ]);
    expect(result.output.recipient.name).toBe('Bergmann Maschinenbau KG');
    expect(result.output.supplier.name).toBe('Nordtec Industriebedarf GmbH');
  });

  it('keeps a property manager’s department ("Liegenschaftsbewirtschaftung") out of the recipient’s name', () => {
    const result = invoice([
      'Hauswartung Meier AG',
      'Seestrasse 4',
      '8002 Zürich',
      '',
      'Wohnbau Linth AG',
      'Liegenschaftsbewirtschaftung',
      'Bahnhofstrasse 9',
      '8750 Glarus',
    ]);
    expect(result.output.recipient).toMatchObject({
      name: 'Wohnbau Linth AG',
      address: 'Bahnhofstrasse 9, 8750 Glarus',
    });
  });

  it('leaves a French contact under "M." out of the recipient’s address', () => {
    const result = invoice([
      'Adresse de facturation',
      'Brasserie du Port SARL',
      'M. Paul Lemaire',
      '3 quai de la Fosse',
      '44000 Nantes',
    ]);
    expect(result.output.recipient).toMatchObject({
      name: 'Brasserie du Port SARL',
      address: '3 quai de la Fosse, 44000 Nantes',
    });
  });

  it('leaves a Spanish professional’s occupation with their roll number ("col. nº 4471") out of the address', () => {
    const result = invoice([
      'EMISOR\tCLIENTE',
      'Lucía Gómez Prieto\tConstrucciones Axarquía S.L.',
      'Arquitecta, col. nº 4471\tAvenida de Andalucía, 22',
      'Calle Larios, 5\t29700 Vélez-Málaga',
      '29005 Málaga',
    ]);
    expect(result.output.supplier).toMatchObject({
      name: 'Lucía Gómez Prieto',
      address: 'Calle Larios, 5, 29005 Málaga',
    });
  });

  it('reads the supplier’s VAT ID after the abbreviated label "TVA intracom."', () => {
    const result = invoice([
      'Fromagerie des Alpes SAS',
      '8 rue du Lac',
      '74000 Annecy',
      'Facturé à : Hôtel du Mont SARL, 2 place de la Mairie, 74400 Chamonix',
      'Facture n° F-2026-0412 du 03/03/2026',
      'Fromagerie des Alpes SAS au capital de 20 000 €\tTVA intracom. FR44732829320',
    ]);
    expect(result.output.supplier.vat_id).toBe('FR44732829320');
  });

  it('reads a US table whose amount column is the extended price ("Ext. Price")', () => {
    const result = invoice([
      'Item ID\tDescription\tQty UOM\tUnit Price\tExt. Price',
      'HW-210\tDoor hinge, 4", satin nickel\t12.00 EA\t6.40\t76.80',
      'HW-455\tCabinet pull, 5" black\t30.00 EA\t3.10\t93.00',
      'Subtotal\t$169.80',
    ]);
    expect(result.output.line_items).toMatchObject([
      { description: 'Door hinge, 4", satin nickel', quantity: 12, unit_price: 640, amount: 7680 },
      { description: 'Cabinet pull, 5" black', quantity: 30, unit_price: 310, amount: 9300 },
    ]);
  });

  it('books the legal name a logo’s one word stands for, as the page prints it elsewhere', () => {
    const result = invoice([
      'GRANITE\tINVOICE',
      'COUNTERTOP WORKS',
      '77 Quarry Road',
      'Barre, VT 05641',
      'BILL TO',
      'Maple Leaf Builders LLC',
      '12 Main Street',
      'Montpelier, VT 05602',
      'Remit to\tGranite Countertop Works Inc.',
    ]);
    expect(result.output.supplier.name).toBe('Granite Countertop Works Inc.');
  });

  it('takes a running number before every description ("1.", "2.") for a position column, not for text', () => {
    const rows = (first: string, second: string) =>
      invoice([
        'Item\tQty\tRate\tAmount',
        `${first}\t2\t150.00\t300.00`,
        `${second}\t1\t80.00\t80.00`,
        'Subtotal\t380.00',
      ]).output.line_items.map((row) => row.description);
    expect(rows('1. Logo design, two rounds', '2. Business card layout')).toEqual([
      'Logo design, two rounds',
      'Business card layout',
    ]);
    // Numbers that do not count the rows are the text's own.
    expect(rows('3 day workshop', '2 page flyer')).toEqual(['3 day workshop', '2 page flyer']);
  });
});

describe('round 14’s rules (each a layout seen there, tried here on other words)', () => {
  it('reads a due date under its heading when the heading before it ends in "date" ("Invoice date | Due date")', () => {
    const result = invoice([
      'Harbour Lane Media Ltd',
      '4 Quay Street',
      'Bristol BS1 4DB',
      'Invoice number\tInvoice date\tDue date\tReference',
      '',
      'HLM-0077\t12 March 2026\t11 April 2026\tPO 2231',
    ]);
    expect(result.output.issue_date).toBe('2026-03-12');
    expect(result.output.due_date).toBe('2026-04-11');
  });

  it('reads "netto" only as a word or a German compound’s head: a "cuscinetto" or a "nettoyage" row is an item', () => {
    const rows = (first: string) =>
      invoice([
        'Descrizione\tQuantità\tPrezzo\tImporto',
        `${first}\t4\t15,00\t60,00`,
        'Tappo filettato 1/2"\t10\t1,00\t10,00',
        'Totale imponibile\t70,00',
      ]).output.line_items.map((row) => row.description);
    expect(rows('Cuscinetto a sfere 6204')).toEqual(['Cuscinetto a sfere 6204', 'Tappo filettato 1/2"']);
    expect(rows('Nettoyage vitres')).toEqual(['Nettoyage vitres', 'Tappo filettato 1/2"']);
  });

  it('takes a short row carrying the sum of the rows above it ("Transport") for a carry-forward, not an item', () => {
    const result = invoice([
      'Omschrijving\tAantal\tPrijs\tBedrag',
      'Radiatorkraan thermostatisch\t4\t25,00\t100,00',
      'Koppeling 15 mm\t10\t2,50\t25,00',
      'Transport\t125,00',
      'Omschrijving\tAantal\tPrijs\tBedrag',
      'Transport\t125,00',
      'Arbeid monteur\t2\t60,00\t120,00',
      'Transport\t1\t35,00\t35,00',
      'Totaal excl. btw\t280,00',
    ]);
    expect(result.output.line_items.map((row) => [row.description, row.amount])).toEqual([
      ['Radiatorkraan thermostatisch', 10000],
      ['Koppeling 15 mm', 2500],
      ['Arbeid monteur', 12000],
      ['Transport', 3500],
    ]);
  });

  it('keeps a named department ("Afdeling Inkoop / crediteuren") out of the recipient’s name', () => {
    const result = invoice([
      'Installatiebedrijf Hoekstra B.V. · Industrieweg 3 · 8401 JK Gorredijk',
      'Zorggroep De Linde',
      'Afdeling Inkoop / crediteuren',
      'Lindelaan 4',
      '8911 AB Leeuwarden',
    ]);
    expect(result.output.recipient).toMatchObject({
      name: 'Zorggroep De Linde',
      address: 'Lindelaan 4, 8911 AB Leeuwarden',
    });
  });

  it('books what a credit note says is to be credited ("Te crediteren") as its total', () => {
    const result = invoice([
      'CREDITNOTA',
      'Nummer\t26/0101',
      'Totaal excl. btw\t-100,00',
      'Btw 21%\t-21,00',
      'Te crediteren EUR\t-121,00',
    ]);
    expect(result.output.gross).toBe(-12100);
  });

  it('keeps a wrapped line opening with a number in its row when the number does not count on the positions', () => {
    const result = invoice([
      'Pos.\tBezeichnung\tMenge\tEinzelpreis\tGesamt',
      '1\tHandbuch Lohnsteuer,\t2\t49,00\t98,00',
      '12. Auflage',
      '2\tSchreibblock A4 kariert,\t10\t2,10\t21,00',
      '50 Blatt',
      '3\tKugelschreiber blau\t20\t0,95\t19,00',
      'Summe netto\t138,00',
    ]);
    expect(result.output.line_items.map((row) => row.description)).toEqual([
      'Handbuch Lohnsteuer, 12. Auflage',
      'Schreibblock A4 kariert, 50 Blatt',
      'Kugelschreiber blau',
    ]);
  });
});
