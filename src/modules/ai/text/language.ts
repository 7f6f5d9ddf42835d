// Tells the main European business languages apart by counting frequent function words and invoice words
// of each: a document of a few lines has enough of them, and no model or dictionary is needed.

export const LANGUAGES = ['de', 'en', 'fr', 'nl', 'es', 'it'] as const;
export type Language = (typeof LANGUAGES)[number] | 'unknown';

const WORDS: Record<(typeof LANGUAGES)[number], string> = {
  de: 'der die das und ist nicht mit für von zu den dem des ein eine einer eines auf im bei wird werden sind oder auch als nach über sich bitte zahlbar rechnung rechnungsnummer rechnungsdatum betrag datum netto brutto gesamt gesamtbetrag summe leistung leistungsdatum angebot ausschreibung muss müssen soll sollte mwst ust steuer zahlungsziel bankverbindung gutschrift',
  en: 'the and of to is for with on are be this that by from will shall or as at not please payable invoice amount date total due must should tender proposal services bill ship subtotal tax thank you your',
  fr: 'le la les et est pour avec sur des du une un au aux par dans pas vous votre nous facture date montant total tva ht ttc payer paiement échéance règlement client prix quantité désignation remise avoir somme',
  nl: 'de het een en van is voor met op zijn niet aan door bij uw wij ons factuur factuurnummer factuurdatum datum bedrag totaal btw excl incl betaling vervaldatum klant prijs aantal omschrijving betalen creditnota',
  es: 'el la los las y de del en para con por una un es no su sus factura fecha importe total iva base imponible pago vencimiento cliente precio cantidad descripción nº número forma',
  it: 'il lo la gli le e di del della in per con su un una è non dei delle fattura data importo totale iva imponibile pagamento scadenza cliente prezzo quantità descrizione partita numero documento',
};

const SETS = Object.fromEntries(
  Object.entries(WORDS).map(([language, words]) => [language, new Set(words.split(' '))]),
) as Record<(typeof LANGUAGES)[number], Set<string>>;

/**
 * The language with the most hits, when it has at least three and clearly more (× 1.5) than the runner-up:
 * 'unknown' rather than a guess. Words shared by languages ("de", "total") count for each.
 */
export function detectLanguage(text: string): Language {
  const counts = Object.fromEntries(LANGUAGES.map((l) => [l, 0])) as Record<
    (typeof LANGUAGES)[number],
    number
  >;
  for (const word of text.toLowerCase().match(/[a-zäöüßàâçéèêëîïôûùüÿñœæáíóúì]+/g) ?? []) {
    for (const language of LANGUAGES) if (SETS[language].has(word)) counts[language]++;
  }
  const [first, second] = [...LANGUAGES].sort((a, b) => counts[b] - counts[a]);
  if (!first || counts[first] < 3) return 'unknown';
  if (second && counts[first] < counts[second] * 1.5) return 'unknown';
  return first;
}
