// Tells German from English by counting frequent function words (and a few business words) of each.

const GERMAN = new Set(
  'der die das und ist nicht mit für von zu den dem des ein eine einer eines auf im bei wird werden sind oder auch als nach über sich bitte zahlbar rechnung betrag datum netto gesamt summe leistung angebot ausschreibung muss müssen soll sollte'.split(
    ' ',
  ),
);
const ENGLISH = new Set(
  'the and of to is for with on are be this that by from will shall or as at not please payable invoice amount date total due must should tender proposal services'.split(
    ' ',
  ),
);

/** 'unknown' unless one language has at least three hits and clearly more than the other. */
export function detectLanguage(text: string): 'de' | 'en' | 'unknown' {
  let de = 0;
  let en = 0;
  for (const word of text.toLowerCase().match(/[a-zäöüß]+/g) ?? []) {
    if (GERMAN.has(word)) de++;
    if (ENGLISH.has(word)) en++;
  }
  if (Math.max(de, en) < 3) return 'unknown';
  if (de >= en * 1.5) return 'de';
  if (en >= de * 1.5) return 'en';
  return 'unknown';
}
