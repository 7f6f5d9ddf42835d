// The invoice corpus (tests/fixtures/invoices: 70+ generated PDFs in six languages and eleven layouts) through
// documentFromBytes and the embedded CTAX engine. Prints a report — field accuracy per field, language and
// layout, the share that would complete unseen, every wrong field — and asserts hard only what must always
// hold; the accuracy targets are floors at the currently measured numbers, to be raised as the engine improves.
// The report is printed with console.log; the config hides the logs of passing tests, so run
//   bunx vitest run tests/ai/corpus.test.ts --silent=false
// to see it (or `bun bench/invoices/run.ts` for the same report with timings).
import { beforeAll, describe, expect, it } from 'vitest';
import { ctaxModule } from '../../src/modules/ai/modules/ctax';
import { documentFromBytes } from '../../src/modules/ai/text';
import { INVOICE_CORPUS } from '../fixtures/invoices';
import { ibanValid } from '../fixtures/invoices/ids';
import { UNSEEN_INVOICES } from '../fixtures/invoices-unseen';
import { UNSEEN_ROUND3 } from '../fixtures/invoices-unseen/round3';
import { UNSEEN_ROUND4 } from '../fixtures/invoices-unseen/round4';
import { UNSEEN_ROUND5 } from '../fixtures/invoices-unseen/round5';
import { UNSEEN_ROUND6 } from '../fixtures/invoices-unseen/round6';
import { UNSEEN_ROUND7 } from '../fixtures/invoices-unseen/round7';
import { UNSEEN_ROUND8 } from '../fixtures/invoices-unseen/round8';
import { UNSEEN_ROUND9 } from '../fixtures/invoices-unseen/round9';
import { UNSEEN_ROUND10 } from '../fixtures/invoices-unseen/round10';
import { UNSEEN_ROUND11 } from '../fixtures/invoices-unseen/round11';
import { UNSEEN_ROUND12 } from '../fixtures/invoices-unseen/round12';
import { UNSEEN_ROUND13 } from '../fixtures/invoices-unseen/round13';
import { UNSEEN_ROUND14 } from '../fixtures/invoices-unseen/round14';
import { type CorpusResult, formatReport, scoreResult, share, summarize, THRESHOLD } from './corpus-report';

const processInvoice = ctaxModule.taskTypes.process_invoice;

/**
 * Auto-completed results of the current engine with a wrong field — defects, not accepted behaviour. No new
 * fixture may join this list, and a fixture read right again must leave it. The target is an empty list.
 */
const KNOWN_COMPLETED_WRONG: string[] = [];

// Floors at what the current engine scores; the other engineer raises them as the engine improves.
const FIELDS_EXACT_FLOOR = 0.95; // measured 0.952; target 0.85
const COMPLETE_UNSEEN_FLOOR = 0.78; // measured 0.788; target 0.5

let results: CorpusResult[] = [];

beforeAll(async () => {
  results = [];
  for (const fixture of INVOICE_CORPUS) {
    const doc = await documentFromBytes(await fixture.bytes(), fixture.mimeType);
    results.push(scoreResult(fixture, processInvoice.embedded(doc)));
  }
  console.log(formatReport(results));
}, 600_000);

describe('the invoice corpus itself', () => {
  it('has at least 60 invoices, 8 per language and 10 layouts', () => {
    expect(INVOICE_CORPUS.length).toBeGreaterThanOrEqual(60);
    for (const language of ['de', 'en', 'fr', 'nl', 'es', 'it']) {
      expect(INVOICE_CORPUS.filter((f) => f.language === language).length).toBeGreaterThanOrEqual(8);
    }
    expect(new Set(INVOICE_CORPUS.map((f) => f.layout)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(INVOICE_CORPUS.map((f) => f.name)).size).toBe(INVOICE_CORPUS.length);
  });

  it('expects consistent bookings of the trusted invoices', () => {
    for (const { name, expected } of INVOICE_CORPUS.filter((f) => f.trusted)) {
      const { net, vat_amount: vat, gross, vat_breakdown: breakdown = [], line_items: items = [] } = expected;
      expect.soft(net != null && vat != null && net + vat === gross, `${name}: net + VAT = gross`).toBe(true);
      expect
        .soft(
          breakdown.reduce((s, b) => s + (b.net ?? 0), 0),
          `${name}: breakdown net`,
        )
        .toBe(net);
      expect
        .soft(
          breakdown.reduce((s, b) => s + (b.vat ?? 0), 0),
          `${name}: breakdown VAT`,
        )
        .toBe(vat);
      expect
        .soft(expected.vat_rate ?? null, `${name}: one rate or none`)
        .toBe(breakdown.length === 1 ? breakdown[0]?.rate : null);
      if (expected.iban) expect.soft(ibanValid(expected.iban), `${name}: IBAN mod 97`).toBe(true);
      expect.soft(items.length, `${name}: line items`).toBeGreaterThan(0);
    }
  });

  it('renders the same bytes every time', async () => {
    for (const fixture of INVOICE_CORPUS) {
      expect(await fixture.bytes()).toEqual(await fixture.bytes());
    }
  });
});

describe('CTAX/process_invoice on the invoice corpus', () => {
  it('returns output valid against its schema for every document', () => {
    for (const r of results) {
      expect(processInvoice.output.safeParse(r.output).success, r.fixture.name).toBe(true);
    }
  });

  it('keeps every untrusted document below the threshold', () => {
    const above = results.filter((r) => !r.fixture.trusted && r.confidence >= THRESHOLD);
    expect(above.map((r) => `${r.fixture.name} (${r.confidence})`)).toEqual([]);
  });

  it('never completes a document unseen with a wrong field (language aside)', () => {
    const wrong = summarize(results).completedWrong;
    const unknown = wrong.filter((w) => !KNOWN_COMPLETED_WRONG.includes(w.name));
    expect(unknown.map((w) => ({ name: w.name, fields: w.fields.map((f) => f.path) }))).toEqual([]);
    // A known defect that is fixed leaves the list, so that it cannot come back unnoticed.
    const fixed = KNOWN_COMPLETED_WRONG.filter((name) => !wrong.some((w) => w.name === name));
    expect(fixed, 'fixed: remove from KNOWN_COMPLETED_WRONG').toEqual([]);
  });

  it('reads at least the floor of all expected fields exactly', () => {
    const s = summarize(results);
    expect(s.fields.total).toBeGreaterThan(3000);
    expect(share(s.fields)).toBeGreaterThanOrEqual(FIELDS_EXACT_FLOOR);
  });

  it('completes at least the floor of the trusted documents unseen', () => {
    expect(share(summarize(results).completeUnseen)).toBeGreaterThanOrEqual(COMPLETE_UNSEEN_FLOOR);
  });
});

/**
 * The held-out rounds, each written without looking at the reader, in layouts it was not shaped on. Whatever
 * the reader learns, none of them may complete unseen with a wrong field, and each keeps a field floor that
 * only rises.
 * - Round 2 (tests/fixtures/invoices-unseen): 24 invoices. Measured once untouched: 59.4 % of fields exact, 1 of
 *   24 completed unseen — with its line items and VAT split unread (the check vat_split_by_rate came from it).
 *   0.850 since, general rules only.
 * - Round 3 (tests/fixtures/invoices-unseen/round3): 18 invoices modelled on invoice software exports. Measured
 *   untouched (the reader as of 4222b19): 73.7 % of fields, 3 of 18 completed unseen, all 3 with a wrong field.
 *   The checks party_names_plausible and line_items_complete and the item header naming only its number columns
 *   came from it. 0.887 since; 0.906 after round 4's session.
 * - Round 4 (tests/fixtures/invoices-unseen/round4): 24 invoices from 24 different invoice programs of the six
 *   countries. Measured untouched (the reader as of 79782c1 plus the hotel and stay rules): 75.7 % of fields,
 *   5 of 24 completed unseen, 4 of them with a field missing or wrong (a title's neighbour taken for the number,
 *   an unlabelled CIF, a completion date in prose, a month named by every row). Those rules came from it.
 * - Round 5 (tests/fixtures/invoices-unseen/round5): 24 invoices from 24 further programs. Measured untouched
 *   (the reader of 26e5fd6): 76.6 % of fields, 7 of 24 completed unseen, 2 with a field wrong or missing
 *   (article codes in the descriptions; a delivery note's date and a customer VAT ID under a header cell).
 * - Round 6 (tests/fixtures/invoices-unseen/round6): 18 invoices from 18 further programs. Measured untouched (the
 *   reader of 33d0418): 86.7 % of fields, 3 of 18 completed unseen, 2 with a field wrong (taxable amounts per
 *   rate derived from their VAT, off by cents; an article code read as the supplier's name). The checks
 *   vat_bases_printed and party_names_plausible (codes) came from it. 90.8 % and 9 of 18 since.
 * - Round 7 (tests/fixtures/invoices-unseen/round7): 18 invoices from 18 further programs (Papierkram, easybill,
 *   Business Central, Clear Books, Chargebee, an OPERA hotel folio, Indy, Dolibarr, WooCommerce, Reeleezee,
 *   Teamleader, Asperion, a3factura, Billage, ICG FrontRest, Arca, LaTeX, Mago4). Measured untouched (the reader
 *   of 0e68c34): 85.1 % of fields, 7 of 18 completed unseen, 3 with a field wrong or missing (a credit note's
 *   cited invoice number taken for its own, article codes of capitals in the descriptions, a work period under
 *   an unknown label). The check service_period_read came from it. 87.1 % and 12 of 18 since.
 * - Round 8 (tests/fixtures/invoices-unseen/round8): 18 invoices from 18 further programs (Shopware, HERO,
 *   Xentral, QuickFile, Square, Big Red Cloud, Obat, Qonto, Pages, WeFact, Simplicate, Billit, Cuentica, STEL
 *   Order, PrestaShop, Namirial, SAP Business One, Magento). Measured untouched (the reader of 74b8330): 82.2 %
 *   of fields, 5 of 18 completed unseen, 2 with a wrong description (a group's heading, "Material" or "Lot 2 -
 *   …", appended to the row above it).
 * - Round 9 (tests/fixtures/invoices-unseen/round9): 18 invoices from 18 further programs (weclapp, bexio, a protel
 *   hotel folio, TopKontor Handwerk, Amazon Business, Pandle, Jobber, Surf Accounts, myBillBook, VosFactures,
 *   Batappli, Facturation.pro, Gripp, Robaws, Declarando, ClassicGes, Effatta, Invoicex). Measured untouched (the
 *   reader of b11d26e): 82.3 % of fields, 5 of 18 completed unseen, 2 with a field wrong or missing (a British
 *   "FAO …" line kept in the recipient's address, a month billed as "Periode: maart 2026" not read). 84.7 % and
 *   8 of 18, none wrong, since (one Italian professional's expected name brought to rounds 5 and 6's convention,
 *   title as printed).
 * - Round 10 (tests/fixtures/invoices-unseen/round10): 18 invoices from 18 further programs (easyVET, Plancraft,
 *   MOCO, BUSY, Tradify, NetSuite, Crésus, Ogust, Accountable, Lightspeed eCom, Octopus, Multivers, Gesfincas,
 *   Distrito K, Quaderno, Buffetti, Gestionale Open, eSolver). Measured untouched (the reader of 87e9586): 82.6 %
 *   of fields, 3 of 18 completed unseen, 2 with a field wrong or missing (a footer's certificate number
 *   "NAP-61842" read as a ZIP code, making the footer the supplier's sender line; a customer's VAT ID under its
 *   label a blank line above the values not read). The check vat_bases_sum_to_net came from it. 82.9 % and 3 of
 *   18, none wrong, since; 83.4 % with the rules it led to (a signed number and "Émise le" beside the title, a
 *   number under the logo's word, German department compounds), 84.5 % with quantities to the gram.
 * - Round 11 (tests/fixtures/invoices-unseen/round11): 18 harder situations (a lawyer's RVG fee note, an electricity
 *   bill, a till receipt, a deposit invoice, a commission note, a Mexican CFDI, an Argentine factura A, a Swiss QR
 *   bill …). Measured untouched (the reader of c7bc696): 61.2 % of fields, 4 of 18 completed unseen, all 4 with a
 *   field wrong (a cited earlier invoice's date as the issue date and the fee rows unread, an Austrian "z. H." line
 *   in an address, a till receipt's "3x" counts in descriptions, a Swiss VAT number on a row shared with the
 *   recipient's block unread). Each became a general rule; 66.1 % and 3 of 18, none wrong, since (BMD's "1 psch."
 *   rows booked with quantity 1 and price as rounds 3, 5 and 7 book them).
 * - Round 12 (tests/fixtures/invoices-unseen/round12): 18 ordinary invoices from 18 further programs (Scopevisio,
 *   SelectLine, microtech büro+, Brightpearl, Kashoo, Sortmybooks, Ciel, WinBooks, Wuro, Silvasoft, Factuursturen,
 *   Dexxter, FacturaPlus, Eurowin, Moloni, Ipsoa Fattura Smart, Sistemi Profis, Sme.UP). Measured untouched (the
 *   reader of 517e629): 88.3 % of fields, 5 of 18 completed unseen, 2 with a field wrong (article codes run into
 *   the descriptions beside an "Art.-Nr." heading and a flat row's cells slid left; a sender line's "Str." where
 *   the footer spells the street out; an Italian professional's occupation line kept in the address). Each became a
 *   general rule: 88.8 % and 5 of 18, none wrong; then 90.8 % and 7 of 18 with a VAT table's rows that end in base
 *   plus VAT, "Suma bases" as the net, Spanish and Italian carry-forward rows ("Suma y sigue", "Riporto"), a
 *   "Periodo de entregas" heading, a totals grid printing the net twice, and a row's period under its label; 91.3 %
 *   and 8 of 18 with a totals grid read cell by cell under its headings; 91.8 % and 9 of 18 with a discount printed
 *   after the price under one heading for both ("P.U. HTVA Rem. %"); 92.0 % and 10 of 18 with a sales tax's rate
 *   taken as the sum of its state and county parts; 92.2 % and 11 of 18 with a salesperson field ("Verkäufer | T.
 *   Kessler") no supplier block.
 * - Round 13 (tests/fixtures/invoices-unseen/round13): 18 ordinary invoices from 18 further programs (invoiz,
 *   AMICRON-FAKTURA, Abacus, Refrens, Invoice2go, Acumatica, Gestimum, BOB 50, WinBIZ, AccountView, Acumulus,
 *   Venice, Infoautónomos, Glop, ekon, Gestionale 1, Legalinvoice, NTS Business Cube). Measured untouched (the reader
 *   of 43255b9): 79.5 % of fields, 9 of 18 completed unseen, 6 of them with a field wrong — the worst outcome, and
 *   the reason for this round's rules: a customer label carrying the customer's account number ("Cliente
 *   430.0718") unread, so a recipient printed above the supplier's block was booked as the supplier (parties
 *   swapped); a property manager's department ("Bewirtschaftung") as the recipient's name; "M. Antoine Guérin" and a
 *   Spanish engineer's "col. nº 2817" occupation line kept in addresses; "TVA intracom." unread; a position column's
 *   "1." in the descriptions; a flat row's position number taken as its description. 80.9 % and 9 of 18, none
 *   wrong; 92.4 % and 10 of 18 with a US "Ext. Price" column and a logo's one word standing for the legal name.
 * - Round 14 (tests/fixtures/invoices-unseen/round14): 18 ordinary invoices from 18 further programs (Lexware,
 *   FreeFinance, KLARA, Crunch, Accounts IQ, Housecall Pro, Batigest, Banqup, WiziShop, King Finance, Syntess,
 *   Adsolut, a3ERP, Debitoor, Dynamics NAV, Ready Pro, Agyo, ad hoc Revolution). Measured untouched (the reader of
 *   6cba49a): 84.5 % of fields, 8 of 18 completed unseen, 2 with a field wrong (a wrapped description line opening
 *   with a number — "24. Auflage", "500 Blatt" — taken for the next position; a due date under "Due date" unread
 *   because "Invoice date | Due date" read as the label "date | Due" across two cells). Both became general rules:
 *   85.0 % and 8 of 18, none wrong; 88.7 % with a credit note's "Te crediteren" as its total and "netto" read only as
 *   a word (an Italian "cuscinetto" row had ended an item table as its net — rounds 4, 5 and 12 gained from it too);
 *   91.5 % and 9 of 18 with a page's carry-forward read by its sum whatever its name (the Dutch "Transport") and a
 *   named department ("Afdeling Vastgoed / crediteuren") no recipient's name.
 */
const HELD_OUT_ROUNDS = [
  { round: 'round 2', fixtures: UNSEEN_INVOICES, count: 24, fieldFloor: 0.91 },
  { round: 'round 3', fixtures: UNSEEN_ROUND3, count: 18, fieldFloor: 0.96 },
  { round: 'round 4', fixtures: UNSEEN_ROUND4, count: 24, fieldFloor: 0.9 },
  { round: 'round 5', fixtures: UNSEEN_ROUND5, count: 24, fieldFloor: 0.84 },
  { round: 'round 6', fixtures: UNSEEN_ROUND6, count: 18, fieldFloor: 0.9 },
  { round: 'round 7', fixtures: UNSEEN_ROUND7, count: 18, fieldFloor: 0.87 },
  { round: 'round 8', fixtures: UNSEEN_ROUND8, count: 18, fieldFloor: 0.82 },
  { round: 'round 9', fixtures: UNSEEN_ROUND9, count: 18, fieldFloor: 0.83 },
  { round: 'round 10', fixtures: UNSEEN_ROUND10, count: 18, fieldFloor: 0.84 },
  { round: 'round 11', fixtures: UNSEEN_ROUND11, count: 18, fieldFloor: 0.7 },
  { round: 'round 12', fixtures: UNSEEN_ROUND12, count: 18, fieldFloor: 0.93 },
  { round: 'round 13', fixtures: UNSEEN_ROUND13, count: 18, fieldFloor: 0.92 },
  { round: 'round 14', fixtures: UNSEEN_ROUND14, count: 18, fieldFloor: 0.91 },
];

describe.each(HELD_OUT_ROUNDS)(
  'CTAX/process_invoice on held-out $round',
  ({ fixtures, count, fieldFloor }) => {
    it('completes none of them unseen with a wrong field', async () => {
      const held: CorpusResult[] = [];
      for (const fixture of fixtures) {
        const doc = await documentFromBytes(await fixture.bytes(), fixture.mimeType);
        held.push(scoreResult(fixture, processInvoice.embedded(doc)));
      }
      console.log(formatReport(held));
      expect(held).toHaveLength(count);
      expect(summarize(held).completedWrong.map((w) => w.name)).toEqual([]);
      expect(share(summarize(held).fields)).toBeGreaterThanOrEqual(fieldFloor);
    }, 120_000);
  },
);
