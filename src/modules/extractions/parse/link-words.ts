// The words that name a site's contact-data pages, in link texts and URL paths, in German, English, French, Dutch,
// Spanish and Italian. Both sides are compared lower-cased with diacritics stripped ("Über uns" → "uber uns",
// "Mentions légales" → "mentions legales", ’ → '), so every word is written once here, without accents. Entries are
// regular-expression fragments; a text word must stand alone (no letter either side), a path word must be a whole path
// segment or its start up to "-", "_", "." (so "/contact" and "/contact-us.html" match but "/contacto" needs its own).
export type LinkType = 'impressum' | 'contact' | 'about' | 'legal';

interface LinkWords {
  type: LinkType;
  text: string[];
  path: string[];
}

// Checked in this order, so "Impressum & Datenschutz" is an impressum, "Aviso legal" an impressum (not "legal") and
// "Kontakt & Anfahrt" a contact page.
export const LINK_WORDS: LinkWords[] = [
  {
    type: 'impressum',
    text: [
      'impressum|anbieterkennzeichnung|rechtliche hinweise|pflichtangaben', // de
      'imprint|legal notice|site notice|legal information|legal info|company information|company details', // en
      'mentions legales|informations legales|mentions legales et credits', // fr
      'colofon|colophon|bedrijfsgegevens|juridische informatie', // nl
      'aviso legal|nota legal|informacion legal|avisos legales', // es
      'note legali|nota legale|informazioni legali|dati societari', // it
    ],
    path: [
      'impressum|anbieterkennzeichnung|pflichtangaben',
      'imprint|legal-notice|legal_notice|legalnotice|site-notice|legal-information|legal-info|company-information',
      'mentions-legales|mentions_legales|mentionslegales|informations-legales',
      'colofon|colophon|bedrijfsgegevens',
      'aviso-legal|aviso_legal|avisolegal|avisos-legales|nota-legal|informacion-legal',
      'note-legali|note_legali|notelegali|nota-legale|informazioni-legali|dati-societari',
    ],
  },
  {
    type: 'contact',
    text: [
      // A customer-service page and a showroom carry their own numbers and addresses, as a location page does.
      'kontakt|kontaktformular|kontaktieren sie uns|schreiben sie uns|anfahrt|so finden sie uns|standorte?|ansprechpartner|kundendienst|ausstellung',
      'contact|contacts|contact us|get in touch|reach us|find us|how to find us|directions|our offices?|showroom',
      "nous contacter|contactez[- ]nous|contactez-moi|nous joindre|coordonnees|plan d'acces",
      'contacteer ons|neem contact op|contactgegevens|contactformulier|bereikbaarheid|route',
      'contacto|contactanos|contactenos|contactar|contacta con nosotros|donde estamos|como llegar|ubicacion',
      'contatti|contatto|contattaci|contattateci|dove siamo|come raggiungerci',
    ],
    path: [
      'kontakt|kontaktformular|anfahrt|standorte?|ansprechpartner|kundendienst|ausstellung',
      'contact|contacts|contact-us|contactus|get-in-touch|find-us|directions|showroom',
      'nous-contacter|contactez-nous|nous-joindre|coordonnees|plan-d-acces|acces',
      'contacteer-ons|neem-contact-op|contactgegevens|contactformulier|bereikbaarheid|route',
      'contacto|contactanos|contactenos|contactar|donde-estamos|como-llegar|ubicacion',
      'contatti|contatto|contattaci|dove-siamo|come-raggiungerci',
    ],
  },
  {
    type: 'about',
    text: [
      'uber uns|ueber uns|wir uber uns|uber mich|ueber mich|unternehmen|firma|team|unser team|das team|wer wir sind|geschichte',
      'about|about us|about me|company|our team|the team|meet the team|who we are|our story',
      "a propos|qui sommes[- ]nous|qui suis[- ]je|notre equipe|l'equipe|equipe|notre histoire|l'entreprise|la societe|notre cabinet|le cabinet",
      'over ons|over mij|wie zijn wij|wie we zijn|ons team|het team|ons verhaal|het bedrijf',
      'sobre nosotros|sobre mi|quienes somos|nosotros|nuestro equipo|equipo|la empresa|empresa|nuestra historia',
      "chi siamo|chi sono|il team|la nostra storia|l'azienda|azienda|lo studio",
    ],
    path: [
      'ueber-uns|uber-uns|ueber-mich|uber-mich|unternehmen|firma|team|unser-team|wer-wir-sind',
      'about|about-us|aboutus|company|our-team|who-we-are',
      'a-propos|apropos|qui-sommes-nous|equipe|notre-equipe|entreprise|societe|cabinet',
      'over-ons|overons|over-mij|wie-zijn-wij|ons-team|bedrijf',
      'sobre-nosotros|quienes-somos|nosotros|equipo|empresa',
      'chi-siamo|chisiamo|chi-sono|azienda|lo-studio',
    ],
  },
  {
    type: 'legal',
    text: [
      'datenschutz\\p{L}*|agb|rechtliches|disclaimer|haftungsausschluss|nutzungsbedingungen',
      'privacy|privacy policy|privacy notice|terms|terms and conditions|legal',
      'confidentialite|politique de confidentialite|donnees personnelles|protection des donnees|vie privee|cgv|cgu|conditions generales',
      'privacy\\p{L}*|algemene voorwaarden',
      'politica de privacidad|privacidad|proteccion de datos|aviso de privacidad|terminos y condiciones|condiciones generales',
      'informativa(?: sulla)? privacy|termini e condizioni|condizioni generali',
    ],
    path: [
      'datenschutz[\\p{L}-]*|agb|rechtliches|disclaimer|haftungsausschluss',
      'privacy[\\p{L}-]*|terms[\\p{L}-]*|legal',
      'confidentialite|politique-de-confidentialite|donnees-personnelles|protection-des-donnees|vie-privee|cgv|cgu',
      'algemene-voorwaarden',
      'politica-de-privacidad|privacidad|proteccion-de-datos|aviso-de-privacidad|terminos[\\p{L}-]*',
      'informativa[\\p{L}-]*|termini[\\p{L}-]*|condizioni[\\p{L}-]*',
    ],
  },
];

// Menu entries that tend to hold the contact page one level down (home → Service → Kontakt). Only a tie-breaker for
// hub links: where a link sits (navigation, footer, first or last on the page) weighs more than these words.
export const HUB_WORDS = [
  'service|services|kundenservice|info|infos|informationen|information|unternehmen|uber|ueber|praxis|kanzlei|verein|wir|mehr', // de
  'company|more|support|help|practice|firm|office', // en
  'informations|infos pratiques|pratique|le cabinet|societe|services', // fr
  'over|praktisch|praktische info|organisatie|diensten', // nl
  'informacion|servicios|mas|despacho|clinica', // es
  'informazioni|servizi|studio|societa', // it
].join('|');

/** Lower-cased, diacritics stripped, typographic apostrophes straightened: the form LINK_WORDS is written in. */
export function foldForMatching(value: string): string {
  return value
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’ʼ`´]/g, "'");
}
