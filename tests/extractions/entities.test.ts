// Per-extractor behaviour of extractEntities, including what must not be found.
import { describe, expect, it } from 'vitest';
import {
  type Entity,
  type EntityType,
  extractEntities,
  mergeEntities,
  type PageType,
  type ParsedPage,
} from '../../src/modules/extractions/parse';

const page = (text: string, extra: Partial<ParsedPage> = {}): ParsedPage => ({
  url: 'https://www.firma-mueller.de/impressum',
  title: '',
  lang: 'de',
  text,
  links: [],
  mailtos: [],
  tels: [],
  cfEmails: [],
  ...extra,
});
const values = (
  type: EntityType,
  text: string,
  pageType: PageType = 'impressum',
  region = 'DE',
  extra = {},
) =>
  extractEntities(page(text, extra), pageType, region)
    .filter((e) => e.type === type)
    .map((e) => e.value)
    .sort();
const entity = (type: EntityType, text: string, pageType: PageType = 'impressum'): Entity | undefined =>
  extractEntities(page(text), pageType, 'DE').find((e) => e.type === type);

describe('EMAIL', () => {
  it('finds plain, mailto and obfuscated addresses, lower-cased', () => {
    const text =
      'E-Mail: Info@Firma-Mueller.de\nvertrieb [at] firma-mueller [dot] de\nservice(at)firma-mueller.de\nbuchhaltung at firma-mueller dot de';
    expect(values('EMAIL', text, 'contact', 'DE', { mailtos: ['Chef@Firma-Mueller.de'] })).toEqual([
      'buchhaltung@firma-mueller.de',
      'chef@firma-mueller.de',
      'info@firma-mueller.de',
      'service@firma-mueller.de',
      'vertrieb@firma-mueller.de',
    ]);
  });

  it('ignores image names, reserved example domains and prose with "at"', () => {
    expect(
      values(
        'EMAIL',
        'logo@2x.png hero@3x.webp name@example.com\nWe meet at home. Look at the dot com boom.',
      ),
    ).toEqual([]);
  });

  it('reads "@" and "." spelled out in six languages, in brackets or between words', () => {
    const text = [
      'aa [at] firma [dot] de',
      'bb{at}firma(punkt)de',
      'cc [ at ] firma [ dot ] de',
      'dd (ät) firma.de',
      'ee@firma[dot]de',
      'ff [arobase] firma [point] de',
      'gg arobase firma point de',
      'hh arroba firma punto de',
      'ii chiocciola firma punto de',
      'jj apenstaartje firma punt de',
      'kk [@] firma.de',
    ].join('\n');
    expect(values('EMAIL', text, 'contact')).toEqual([...'abcdefghijk'].map((c) => `${c}${c}@firma.de`));
  });

  it('reads "name at domain" only for the site\'s own domain, after a mail label or for a mailbox name', () => {
    const text =
      'E-Mail: chef at firma-mueller.de\nOder an info at firma-mueller.de\nOrder online at firma-mueller.de\nWrite to x at other.de';
    expect(values('EMAIL', text, 'contact')).toEqual(['chef@firma-mueller.de', 'info@firma-mueller.de']);
  });

  it('invents no address from prose that only looks obfuscated', () => {
    const prose = [
      'Wir sind (at) home. Das ist gut.',
      'Look at this point de vue.',
      'Rendez-vous au point de départ, arobase de la ville.',
      'Meet us at the point in time.',
      'Kontakt (at) unserem Standort. Danach Pause.',
      'We work at firma-mueller.de since 2010.',
    ].join('\n');
    expect(values('EMAIL', prose, 'contact')).toEqual([]);
  });

  it('scores mailto links above obfuscation guesses', () => {
    const [link, guess] = [
      extractEntities(page('', { mailtos: ['a@firma.de'] }), 'contact', 'DE')[0],
      extractEntities(page('a [at] firma [dot] de'), 'contact', 'DE')[0],
    ];
    expect(link?.confidence).toBeGreaterThan(guess?.confidence ?? 100);
  });
});

describe('PHONE', () => {
  it('normalises German and international formats to E.164', () => {
    const text = [
      'Tel.: +49 (0)30 1234567',
      'Telefon: 030 / 234 56 78',
      'Zentrale +49 30 34567-0',
      '(0 30) 45 67 89',
      'Hotline: 0800 330 1000',
      'London: +44 20 7946 0958',
    ].join('\n');
    expect(values('PHONE', text)).toEqual(
      ['+49301234567', '+49302345678', '+4930345670', '+4930456789', '+498003301000', '+442079460958'].sort(),
    );
  });

  it('does not report fax numbers', () => {
    expect(values('PHONE', 'Tel. 030 1234567 Fax 030 1234569\nTelefax: +49 30 7654321')).toEqual([
      '+49301234567',
    ]);
  });

  it('does not take dates, times, IBANs, postcodes, VAT ids, register or tax numbers for phones', () => {
    const text =
      'Stand: 12.03.2024, 2024-03-12\nMo–Fr 08.00 – 17.00 Uhr\nIBAN: DE89 3704 0044 0532 0130 00\n10115 Berlin\n' +
      'USt-IdNr.: DE 123 456 789\nHRB 123456\nSteuernummer: 12/345/67890\nCompany No. 01234567';
    expect(values('PHONE', text)).toEqual([]);
  });

  it('reads a number in the North American shape as +1 where the default region is another, on contact pages', () => {
    const text =
      'Call us at (502) 555-0148\nToll free: 1-888-555-0199\nOffice 502.555.0163\nLondon 020 7946 0958';
    expect(values('PHONE', text, 'contact', 'GB')).toEqual(
      ['+15025550148', '+18885550199', '+15025550163', '+442079460958'].sort(),
    );
    // A services page cites partners' lines: unlabelled there, the shape alone is no evidence of the business's.
    expect(values('PHONE', 'We refer to Valley Imaging, (502) 555-0177.', 'other', 'GB')).toEqual([]);
    expect(values('PHONE', 'Phone: (502) 555-0177', 'other', 'GB')).toEqual(['+15025550177']);
    expect(values('PHONE', 'Bestellnummer 502-555-0177\nArtikel 0301-555-0177', 'contact', 'DE')).toEqual([]);
  });

  it('reads tel: links with the default region', () => {
    expect(values('PHONE', '', 'contact', 'GB', { tels: ['020 7946 0958'] })).toEqual(['+442079460958']);
  });
});

describe('PERSON', () => {
  it('reads names after a role label, several per label', () => {
    const people = extractEntities(
      page('Geschäftsführer: Dr. Max Mustermann, Erika Musterfrau und Hans-Peter von Berg'),
      'impressum',
      'DE',
    )
      .filter((e) => e.type === 'PERSON')
      .map((e) => [e.value, e.role]);
    expect(people).toEqual([
      ['Dr. Max Mustermann', 'Geschäftsführer'],
      ['Erika Musterfrau', 'Geschäftsführer'],
      ['Hans-Peter von Berg', 'Geschäftsführer'],
    ]);
  });

  it('reads captions after names and English roles', () => {
    const text =
      'Jane Smith (CEO)\nManaging Director: John Doe\nMaria Weber\nInhaberin\nVertreten durch: Peter Lang';
    const people = extractEntities(page(text), 'about', 'DE')
      .filter((e) => e.type === 'PERSON')
      .map((e) => `${e.value}/${e.role}`)
      .sort();
    expect(people).toEqual([
      'Jane Smith/CEO',
      'John Doe/Managing Director',
      'Maria Weber/Inhaber',
      'Peter Lang/Vertretungsberechtigter',
    ]);
  });

  it('does not take company names or labels for people', () => {
    expect(
      values('PERSON', 'Geschäftsführer: Telefon Kontakt\nVertreten durch die Müller Verwaltungs GmbH'),
    ).toEqual([]);
  });
});

describe('PERSON in the four Romance and Dutch legal notices', () => {
  it('reads boards and partners named with their role words, joined by the language\'s "and"', () => {
    expect(values('PERSON', 'Directie: Henk Bos en Marieke Bos-Jansen', 'impressum', 'NL')).toEqual([
      'Henk Bos',
      'Marieke Bos-Jansen',
    ]);
    expect(
      values('PERSON', 'Zaakvoerders: Bart Verbeke en Lien Peeters, erkende boekhouders', 'impressum', 'BE'),
    ).toEqual(['Bart Verbeke', 'Lien Peeters']);
    expect(values('PERSON', 'Soci amministratori: Luca Neri e Andrea Neri', 'impressum', 'IT')).toEqual([
      'Andrea Neri',
      'Luca Neri',
    ]);
    expect(
      values(
        'PERSON',
        'Direzione: Giulia Pedrazzini, direttrice, con firma collettiva a due',
        'impressum',
        'CH',
      ),
    ).toEqual(['Giulia Pedrazzini']);
  });

  it("skips a master craftsman's title and a Swiss signing right between the role and the name", () => {
    expect(values('PERSON', 'Inhaber: Steinmetz- und Steinbildhauermeister Tobias Brenner')).toEqual([
      'Tobias Brenner',
    ]);
    expect(
      values('PERSON', 'Associé gérant, avec signature individuelle : Luc Favre', 'impressum', 'CH'),
    ).toEqual(['Luc Favre']);
  });
});

describe('terms and combined legal pages in other languages', () => {
  const legal = (text: string, url: string, region: string) =>
    extractEntities(page(text, { url }), 'legal', region)
      .map((e) => `${e.type} ${e.value}`)
      .sort();

  it("reads the operator's registration clause of Dutch terms, and its partners", () => {
    const found = legal(
      'Artikel 1 – Opdrachtnemer\nDeze voorwaarden zijn van toepassing op alle offertes van Hoveniersbedrijf Bosrand V.O.F., handelend onder de naam Hovenier Bosrand, gevestigd aan de Kapelweg 73, 3818 BD Amersfoort, ingeschreven bij de Kamer van Koophandel onder nummer 71953824, btw-identificatienummer NL856271391B01.\nVennoten: Jeroen van Dijk en Mark Hendriks.\nArtikel 2 – Franchise\nOpdrachtnemer is franchisenemer van GroenGilde Franchise B.V., Europalaan 28, 3526 KS Utrecht.',
      'https://www.hovenierbosrand.nl/algemene-voorwaarden',
      'NL',
    );
    expect(found).toEqual(
      expect.arrayContaining([
        'COMPANY_NAME Hoveniersbedrijf Bosrand V.O.F.',
        'REGISTER KvK 71953824',
        'VAT_ID NL856271391B01',
      ]),
    );
    // The franchisor named in another article is not the operator.
    expect(found).not.toContain('COMPANY_NAME GroenGilde Franchise B.V.');
  });

  it('reads the owner\'s block a Spanish "Legal y privacidad" page opens with ("Titular:"), an S.L.P. among the forms', () => {
    const found = legal(
      'Legal y privacidad\nTitular: Clínica Veterinaria Arrieta, S.L.P.\nCIF: B71482939\nDomicilio social: Calle Monasterio de Urdax 34, bajo, 31011 Pamplona (Navarra)\nInscrita en el Registro Mercantil de Navarra, Tomo 1874, Folio 112, Hoja NA-31742\nAdministradora única: Itziar Arrieta Goñi',
      'https://www.clinicaveterinariaarrieta.es/legal/',
      'ES',
    );
    expect(found).toEqual(
      expect.arrayContaining([
        'COMPANY_NAME Clínica Veterinaria Arrieta S.L.P.',
        'VAT_ID ESB71482939',
        'REGISTER Hoja NA-31742, Registro Mercantil de Navarra',
        'PERSON Itziar Arrieta Goñi',
      ]),
    );
    // The owner named as "Titular" is the company, no person.
    expect(found).not.toContain('PERSON Clínica Veterinaria Arrieta');
  });

  it("reads Luxembourg's trade register and an address with its L- postcode and the number before a comma", () => {
    const found = legal(
      "Conditions générales de vente\nChocolaterie Weyer S.à r.l., société à responsabilité limitée dont le siège social est établi 10, rue du Puits Romain, L-8070 Bertrange, inscrite au Registre de commerce et des sociétés de Luxembourg (RCS Luxembourg B 218463), numéro d'identification TVA LU 28471605.",
      'https://www.chocolaterie-weyer.lu/conditions-generales-de-vente/',
      'LU',
    );
    expect(found).toEqual(
      expect.arrayContaining([
        'REGISTER RCS B 218463, Luxembourg',
        'ADDRESS 10, rue du Puits Romain, L-8070 Bertrange',
      ]),
    );
  });
});

describe('COMPANY_NAME', () => {
  it('reads the name with its legal form and drops leading articles', () => {
    expect(
      values(
        'COMPANY_NAME',
        'Angaben gemäß § 5 DDG\nDie Müller Maschinenbau GmbH ist ein Familienunternehmen.',
      ),
    ).toEqual(['Müller Maschinenbau GmbH']);
    expect(
      values('COMPANY_NAME', 'Weber Elektrotechnik GmbH & Co.KG\nSchmidt UG (haftungsbeschränkt)'),
    ).toEqual(['Schmidt UG (haftungsbeschränkt)', 'Weber Elektrotechnik GmbH & Co. KG']);
  });

  it("reads French and Italian particles inside a name, and an Italian partnership's partner after its form", () => {
    expect(values('COMPANY_NAME', 'La Cave du Flon Sàrl\nRue de Genève 17', 'impressum', 'CH')).toEqual([
      'La Cave du Flon Sàrl',
    ]);
    expect(
      values(
        'COMPANY_NAME',
        'Carrozzeria F.lli Neri S.n.c. di Neri Luca &amp; C., Via del Lavoro 38/2',
        'impressum',
        'IT',
      ),
    ).toEqual(['Carrozzeria F.lli Neri S.n.c. di Neri Luca & C.']);
  });

  it('ignores third parties, general partners and words without a legal form', () => {
    const text =
      'Powered by WordPress\nAnbieter ist die Google Ireland Limited\nKomplementärin: Müller Verwaltungs GmbH';
    expect(values('COMPANY_NAME', text)).toEqual([]);
  });

  it('takes the company a privacy or terms page says operates the site or business, not a tool it uses', () => {
    const operated =
      'Terms\nSpoke & Sprocket Cycle Repair is operated by Spoke & Sprocket Cycles Limited, 2453 Agricola St.';
    expect(values('COMPANY_NAME', operated, 'legal', 'CA')).toEqual(['Spoke & Sprocket Cycles Limited']);
    const site = 'Privacy\nThis website is operated by Juniper & Pine Photography LLC.';
    expect(values('COMPANY_NAME', site, 'legal', 'US')).toEqual(['Juniper & Pine Photography LLC']);
    const tool = 'Privacy\nOur booking system is operated by Tidy Calendars Ltd, London.';
    expect(values('COMPANY_NAME', tool, 'legal', 'GB')).toEqual([]);
  });

  it('takes the company a terms page says does business under a trade name, after its US entity clause', () => {
    const terms =
      'Terms of Sale\nAll orders are fulfilled by Copper Kettle Provisions LLC, a Vermont limited liability company doing business as Maple Hollow Pantry, Burlington.\nShipping is handled by Parcelwise Logistics Inc.';
    expect(values('COMPANY_NAME', terms, 'legal', 'US')).toEqual(['Copper Kettle Provisions LLC']);
    const dba = 'Terms\nQuotes are issued by Ridgeline Roofing Inc. d/b/a Summit Roof Care.';
    expect(values('COMPANY_NAME', dba, 'legal', 'US')).toEqual(['Ridgeline Roofing Inc.']);
  });

  it("takes the company a privacy page names when the site's domain spells its name, no other", () => {
    const privacy =
      'Privacy Policy\nTallowwood IT Pty Ltd (ABN 35 627 418 935) respects your privacy.\nThis website is maintained by Moreton Digital Pty Ltd.';
    const on = (url: string) =>
      extractEntities(page(privacy, { url }), 'legal', 'AU')
        .filter((e) => e.type === 'COMPANY_NAME')
        .map((e) => e.value);
    expect(on('https://tallowwoodit.com.au/privacy-policy-2/')).toEqual(['Tallowwood IT Pty Ltd']);
    expect(on('https://www.example-bakery.com.au/privacy/')).toEqual([]);
  });
});

describe('ADDRESS', () => {
  it('normalises German, UK, US and Canadian addresses to one line', () => {
    expect(values('ADDRESS', 'Musterstraße 12\n10115 Berlin')).toEqual(['Musterstraße 12, 10115 Berlin']);
    expect(values('ADDRESS', 'Anschrift: Hauptstr. 5a, 80331 München')).toEqual([
      'Hauptstr. 5a, 80331 München',
    ]);
    expect(values('ADDRESS', '221B Baker Street, London NW1 6XE', 'contact', 'GB')).toEqual([
      '221B Baker Street, London NW1 6XE',
    ]);
    expect(values('ADDRESS', '1 Market St\nSan Francisco, CA 94105', 'contact', 'US')).toEqual([
      '1 Market St, San Francisco, CA 94105',
    ]);
    expect(
      values(
        'ADDRESS',
        'Studio visits by appointment: 2215 NE Alberta St, Portland, OR 97211',
        'contact',
        'US',
      ),
    ).toEqual(['2215 NE Alberta St, Portland, OR 97211']);
    expect(values('ADDRESS', 'Find us\n2453 Agricola St, Halifax, NS B3K4C1', 'contact', 'CA')).toEqual([
      '2453 Agricola St, Halifax, NS B3K 4C1',
    ]);
  });

  it('reads numbered streets and avenues and drops a label with a note in brackets before the street', () => {
    expect(
      values('ADDRESS', 'Shop (by appointment): 2210 17 Ave SW, Calgary, AB T2T 0E9', 'contact', 'CA'),
    ).toEqual(['2210 17 Ave SW, Calgary, AB T2T 0E9']);
    expect(values('ADDRESS', '350 5th Avenue, Suite 4100, New York, NY 10118', 'contact', 'US')).toEqual([
      '350 5th Avenue, Suite 4100, New York, NY 10118',
    ]);
    expect(values('ADDRESS', 'Depot: 8 12 Mile Road, Dandenong VIC 3175', 'contact', 'AU')).toEqual([
      '8 12 Mile Road, Dandenong VIC 3175',
    ]);
  });

  it('keeps a Spanish or Italian street type and reads a number printed after a comma', () => {
    expect(values('ADDRESS', 'C/ Héroe de Sostoa, 112 – 29002 Málaga', 'contact', 'ES')).toEqual([
      'Calle Héroe de Sostoa 112, 29002 Málaga',
    ]);
    expect(values('ADDRESS', 'Sede: Via del Lavoro 38/2, 40127 Bologna (BO)', 'impressum', 'IT')).toEqual([
      'Via del Lavoro 38/2, 40127 Bologna (BO)',
    ]);
    // With or without its province, one address.
    const merged = mergeEntities(
      extractEntities(
        page('Via del Lavoro 38/2, 40127 Bologna (BO)\n\nVia del Lavoro 38/2, 40127 Bologna'),
        'impressum',
        'IT',
      ),
    ).filter((e) => e.type === 'ADDRESS');
    expect(merged).toHaveLength(1);
  });

  it('needs a street before the postcode', () => {
    expect(values('ADDRESS', 'Amtsgericht Berlin\n10115 Berlin\nHRB 12345 B')).toEqual([]);
  });
});

describe('VAT_ID', () => {
  it('reads labelled VAT ids of several countries, compact and upper-case', () => {
    const text =
      'USt-IdNr.: DE 123 456 789\nUID: ATU12345678\nVAT ID: GB 123 4567 89\nTVA: FR12345678901\nBTW: NL123456789B01\nUID: CHE-123.456.789 MWST';
    expect(values('VAT_ID', text, 'contact')).toEqual(
      ['DE123456789', 'ATU12345678', 'GB123456789', 'FR12345678901', 'NL123456789B01', 'CHE123456789'].sort(),
    );
  });

  it('rejects a German Steuernummer and wrong lengths', () => {
    expect(values('VAT_ID', 'Steuernummer 12/345/67890\nUSt-IdNr.: DE12345678\nVAT: GB1234567')).toEqual([]);
  });

  it('scores a valid German check digit higher', () => {
    const valid = entity('VAT_ID', 'USt-IdNr.: DE136695976');
    const invalid = entity('VAT_ID', 'USt-IdNr.: DE136695977');
    expect(valid?.confidence).toBeGreaterThan(invalid?.confidence ?? 100);
  });
});

describe('ADDRESS of named streets and UK units', () => {
  it('keeps the word that names a street whose suffix stands alone', () => {
    expect(values('ADDRESS', 'Frankfurter Straße 112\n34121 Kassel')).toEqual([
      'Frankfurter Straße 112, 34121 Kassel',
    ]);
    expect(values('ADDRESS', 'Firma X · Berliner Allee 5 · 40212 Düsseldorf')).toEqual([
      'Berliner Allee 5, 40212 Düsseldorf',
    ]);
    expect(values('ADDRESS', 'Alte Leipziger Str. 3, 60313 Frankfurt')).toEqual([
      'Alte Leipziger Str. 3, 60313 Frankfurt',
    ]);
    expect(values('ADDRESS', 'Am Markt 1, 28195 Bremen')).toEqual(['Am Markt 1, 28195 Bremen']);
  });

  it('keeps a UK unit or flat line before the street and drops a label before it', () => {
    expect(
      values('ADDRESS', 'Registered office: Unit 3, Mill Lane, Manchester, M4 6JT', 'contact', 'GB'),
    ).toEqual(['Unit 3, Mill Lane, Manchester M4 6JT']);
  });
});

describe('REGISTER', () => {
  it('combines the register number with its court', () => {
    expect(
      values('REGISTER', 'Registergericht: Amtsgericht Berlin-Charlottenburg\nRegisternummer: HRB 12345 B'),
    ).toEqual(['HRB 12345 B, Amtsgericht Berlin-Charlottenburg']);
    expect(values('REGISTER', 'Handelsregister: HRB 12345, Amtsgericht München')).toEqual([
      'HRB 12345, Amtsgericht München',
    ]);
    expect(values('REGISTER', 'Amtsgericht Köln HRA 1234')).toEqual(['HRA 1234, Amtsgericht Köln']);
  });

  it('reads the Austrian Firmenbuch number however it is labelled, with its check letter', () => {
    const impressum =
      'UID-Nummer: ATU 64829136\nFirmenbuchnummer: 527394 f\nFirmenbuchgericht: Landesgericht für ZRS Graz';
    expect(values('REGISTER', impressum, 'impressum', 'AT')).toEqual([
      'FN 527394f, Landesgericht für ZRS Graz',
    ]);
    expect(values('REGISTER', 'Firmenbuch-Nr. 123456a, Handelsgericht Wien', 'impressum', 'AT')).toEqual([
      'FN 123456a, Handelsgericht Wien',
    ]);
    expect(values('REGISTER', 'Firmenbuch: FN 98765 x', 'impressum', 'AT')).toEqual(['FN 98765x']);
  });

  it('reads the Swiss UID with its cantonal register in German, French and Italian', () => {
    const entry = (registry: string) =>
      values(
        'REGISTER',
        `${registry}\nIDE : CHE-382.164.750\nNuméro TVA : CHE-382.164.750 TVA`,
        'impressum',
        'CH',
      );
    expect(entry('Inscrite au Registre du commerce du canton de Vaud')).toEqual([
      'CHE-382.164.750, Registre du commerce du canton de Vaud',
    ]);
    expect(entry('Iscritta nel Registro di commercio del Cantone Ticino')).toEqual([
      'CHE-382.164.750, Registro di commercio del Cantone Ticino',
    ]);
    expect(entry('Handelsregister des Kantons Bern')).toEqual([
      'CHE-382.164.750, Handelsregister des Kantons Bern',
    ]);
  });

  it('reads the Swiss register named as a label and its value, a canton of two words whole', () => {
    expect(
      values(
        'REGISTER',
        'Handelsregister: Kanton Appenzell Ausserrhoden\nUID: CHE-246.813.579',
        'impressum',
        'CH',
      ),
    ).toEqual(['CHE-246.813.579, Handelsregister Kanton Appenzell Ausserrhoden']);
    expect(
      values('REGISTER', 'Registre du commerce : canton de Genève\nIDE : CHE-246.813.579', 'impressum', 'CH'),
    ).toEqual(['CHE-246.813.579, Registre du commerce canton de Genève']);
    expect(
      values('REGISTER', 'Handelsregister: Kanton St. Moritz\nCHE-246.813.579 MWST', 'impressum', 'CH'),
    ).toEqual([]);
  });

  it("reads an Australian company's ACN beside its ABN when the check digit holds", () => {
    const terms = 'These terms are given by Banksia Joinery Pty Ltd (ACN 123 456 780, ABN 11 123 456 780).';
    expect(values('REGISTER', terms, 'legal', 'AU')).toEqual(['ABN 11 123 456 780', 'ACN 123 456 780']);
    expect(values('REGISTER', 'A.C.N. 123456780', 'impressum', 'AU')).toEqual(['ACN 123 456 780']);
    expect(values('REGISTER', 'ACN 123 456 789', 'impressum', 'AU')).toEqual([]);
    expect(values('PHONE', 'ACN 123 456 780', 'impressum', 'AU')).toEqual([]);
  });

  it('reads UK company numbers with the jurisdiction', () => {
    expect(
      values('REGISTER', 'Registered in England and Wales. Company No. 01234567', 'contact', 'GB'),
    ).toEqual(['Company No. 01234567, England and Wales']);
    expect(values('REGISTER', 'Registered in England & Wales No. 11223344', 'contact', 'GB')).toEqual([
      'Company No. 11223344, England and Wales',
    ]);
  });
});

describe('structured data (JSON-LD)', () => {
  const ld = (...blocks: unknown[]) =>
    extractEntities(
      page('', {
        url: 'https://www.firma.de/',
        jsonLd: blocks.map((b) => (typeof b === 'string' ? b : JSON.stringify(b))),
      }),
      'home',
      'DE',
    );
  const business = {
    '@type': 'LegalService',
    name: 'Kanzlei Beispiel',
    legalName: 'Beispiel Rechtsanwälte PartG mbB',
    email: ['mailto:Info@Firma.de', 'not-an-email', 'x@example.com'],
    telephone: '030 / 123 456 7',
    faxNumber: '030 1234568',
    address: [
      {
        '@type': 'PostalAddress',
        streetAddress: 'Hauptstraße 1',
        postalCode: '10115',
        addressLocality: 'Berlin',
        addressCountry: 'DE',
      },
      {
        '@type': 'PostalAddress',
        streetAddress: '1 High St',
        postalCode: 'SW1A 1AA',
        addressLocality: 'London',
        addressCountry: 'GB',
      },
    ],
    vatID: 'DE123456789',
    contactPoint: { '@type': 'ContactPoint', telephone: '+49 30 7654321', email: 'kanzlei@firma.de' },
    employee: [{ '@type': 'Person', givenName: 'Eva', familyName: 'Klein', jobTitle: 'Managing Director' }],
    brand: { '@type': 'Organization', name: 'Dachmarke AG', email: 'info@dachmarke.de' },
  };

  it('reads an organisation of any business subtype, from an object, an array or a @graph', () => {
    for (const shape of [
      business,
      [{ '@type': 'WebPage' }, business],
      { '@graph': [{ '@type': 'WebSite', publisher: business }] },
    ]) {
      const found = ld(shape).map((e) => `${e.type}:${e.value}${e.role ? ` (${e.role})` : ''}`);
      expect(found.sort()).toEqual(
        [
          'ADDRESS:1 High St, London SW1A 1AA',
          'ADDRESS:Hauptstraße 1, 10115 Berlin',
          'COMPANY_NAME:Beispiel Rechtsanwälte PartG mbB',
          'COMPANY_NAME:Kanzlei Beispiel',
          'EMAIL:info@firma.de',
          'EMAIL:kanzlei@firma.de',
          'PERSON:Eva Klein (Managing Director)',
          'PHONE:+49301234567',
          'PHONE:+49307654321',
          'VAT_ID:DE123456789',
        ].sort(),
      );
    }
  });

  it('trusts structured data more than text, a name without legal form less', () => {
    const found = ld(business);
    const email = found.find((e) => e.value === 'info@firma.de');
    const brand = found.find((e) => e.value === 'Kanzlei Beispiel');
    const legal = found.find((e) => e.value === 'Beispiel Rechtsanwälte PartG mbB');
    const inText = extractEntities(page('info@firma.de', { url: 'https://www.firma.de/' }), 'home', 'DE')[0];
    expect(email?.confidence).toBeGreaterThan(inText?.confidence ?? 100);
    expect(legal?.confidence).toBeGreaterThan(brand?.confidence ?? 100);
  });

  it('ignores invalid JSON, untyped nodes, places, products and people without contact data', () => {
    expect(
      ld(
        '{"@type": "Organization", "telephone": "030 1234567",}',
        { telephone: '+49 30 1234567', email: 'a@firma.de' },
        {
          '@type': 'Product',
          name: 'Pumpe X GmbH',
          offers: { seller: { '@type': 'Organization', email: 's@firma.de' } },
        },
        { '@type': 'Article', author: { '@type': 'Person', name: 'Max Autor', email: 'max@firma.de' } },
        { '@type': 'Person', name: 'Ohne Kontakt' },
        { '@type': 'Service', name: 'Beratung', telephone: '+49 30 1234567' },
      ),
    ).toEqual([]);
  });

  it('reads a freelancer site: a top-level Person with contact data', () => {
    const found = ld({
      '@type': 'Person',
      name: 'Jana Schmidt',
      jobTitle: 'Inhaberin',
      email: 'jana@firma.de',
      address: 'Gartenweg 3, 50667 Köln',
    });
    expect(found.map((e) => `${e.type}:${e.value}${e.role ? ` (${e.role})` : ''}`).sort()).toEqual([
      'ADDRESS:Gartenweg 3, 50667 Köln',
      'EMAIL:jana@firma.de',
      'PERSON:Jana Schmidt (Inhaber)',
    ]);
  });
});

describe('PERSON captions and titles', () => {
  const persons = (text: string, pageType: PageType = 'impressum') =>
    extractEntities(page(text), pageType, 'DE')
      .filter((e) => e.type === 'PERSON')
      .map((e) => `${e.value}${e.role ? ` (${e.role})` : ''}`)
      .sort();

  it('reads owners named in compounds and abbreviated', () => {
    expect(persons('Praxisinhaberin: Dr. Eva Sommer\nInh. Georg Holzmann')).toEqual([
      'Dr. Eva Sommer (Inhaber)',
      'Georg Holzmann (Inhaber)',
    ]);
  });

  it('reads every role of a page, whatever roles were read on the page before', () => {
    persons('Vertreten durch: Geschäftsführer Max Muster, Eva Beispiel');
    expect(persons('Inhaber: Jan Sommer')).toEqual(['Jan Sommer (Inhaber)']);
  });

  it('reads a role ending a caption line as the caption of the name above, not as a label for the lines below', () => {
    expect(
      persons(
        'Dr. med. Klaus Neumann\nFacharzt für Allgemeinmedizin, Praxisinhaber\nSabine Roth\nMedizinische Fachangestellte',
        'about',
      ),
    ).toEqual(['Dr. med. Klaus Neumann (Inhaber)']);
  });

  it("reads a caption of joined roles, or of a role and its remit, under a team card's name", () => {
    expect(
      persons(
        'Our people\nRosalind Okafor\nCo-Founder & CEO\nRuns the studio.\nDaniel Whitfield, CEng\nOwner and Lead Engineer\nHamish Reid\nDirector – Estimating & Procurement\nCarla Mendes\nSite manager',
        'about',
      ),
    ).toEqual(['Daniel Whitfield (Owner)', 'Hamish Reid (Director)', 'Rosalind Okafor (CEO)']);
    expect(
      persons('Ines Baumgartner\nGründerin\nJakob Baumgartner\nGründer und Geschäftsführer', 'about'),
    ).toEqual(['Ines Baumgartner (Gründer)', 'Jakob Baumgartner (Geschäftsführer)']);
    // A role before a name is a label, not a caption: the line above it is no person.
    expect(persons('Lindner Fensterbau\nInhaber – Jonas Lindner', 'about')).toEqual([
      'Jonas Lindner (Inhaber)',
    ]);
  });

  it('reads a titled name on its own line, or before its profession, without a role', () => {
    expect(persons('Angaben gemäß § 5 DDG\nDr. med. Klaus Neumann\nFacharzt für Allgemeinmedizin')).toEqual([
      'Dr. med. Klaus Neumann',
    ]);
    expect(persons('Dipl.-Kffr. Martina Klein, Steuerberaterin\nHohenzollernring 55')).toEqual([
      'Dipl.-Kffr. Martina Klein',
    ]);
    expect(persons('Dr. Oetker Nahrungsmittel KG\nDr. Becker, so heißt es, war hier')).toEqual([]);
    expect(persons('Dr. med. Klaus Neumann', 'legal')).toEqual([]);
  });

  it('reads "Name, our Managing Director" and "Name, CPA (Managing Partner)"', () => {
    expect(persons('It was set up by Tom Barker, our Managing Director, in 2016.', 'about')).toEqual([
      'Tom Barker (Managing Director)',
    ]);
    expect(persons('Founded in 2008 by Jennifer Walsh, CPA (Managing Partner).', 'about')).toEqual([
      'Jennifer Walsh (Managing Director)',
    ]);
  });

  it('reads British titles without a period', () => {
    expect(persons('Dr Sarah Patel\nPrincipal Dentist, GDC 123456', 'about')).toEqual(['Dr Sarah Patel']);
  });

  it('reads partners listed on an impressum, and no "partners" elsewhere', () => {
    expect(persons('Partner: Dr. Thomas Wagner, Dr. Julia Hofmann')).toEqual([
      'Dr. Julia Hofmann (Partner)',
      'Dr. Thomas Wagner (Partner)',
    ]);
    expect(persons('Unsere Partner: Bäckerei Schmidt, Autohaus Müller', 'about')).toEqual([]);
  });
});

describe("someone else's contact data", () => {
  it("skips the chamber's, the insurer's and the web agency's email and phone", () => {
    const text = [
      'Telefon: 0711 2345670',
      'E-Mail: praxis@neumann.de',
      'Zuständige Kammer: Landesärztekammer Baden-Württemberg, Jahnstraße 40, 70597 Stuttgart, Tel. 0711 769890, info@laekbw.de',
      'Steuerberaterkammer Köln, Gereonstraße 34, 50670 Köln, Tel. 0221 336430, mail@stbk-koeln.de',
      'Berufshaftpflichtversicherung: Allianz, Telefon 089 38000, service@allianz.de',
      'Webdesign: Pixelwerk, hallo@pixelwerk.de',
    ].join('\n');
    expect(values('EMAIL', text)).toEqual(['praxis@neumann.de']);
    expect(values('PHONE', text)).toEqual(['+497112345670']);
  });

  it("skips a third party's mailto link printed on its line, and the credits under a heading of their own", () => {
    const text = [
      'E-Mail: post@tischlerei-brandt.de',
      'Zuständige Kammer: Handwerkskammer Musterstadt, Am Markt 1, 12345 Musterstadt, info@hwk-musterstadt.de',
      'Konzeption & Gestaltung',
      'Studio Nordlicht, Hafenweg 3, 12345 Musterstadt, hallo@studio-nordlicht.de',
      'Hosting',
      'Beispiel Hosting GmbH, Telefon 030 9876543, support@beispiel-hosting.de',
    ].join('\n');
    const mailtos = ['post@tischlerei-brandt.de', 'info@hwk-musterstadt.de', 'hallo@studio-nordlicht.de'];
    expect(values('EMAIL', text, 'impressum', 'DE', { mailtos })).toEqual(['post@tischlerei-brandt.de']);
    expect(values('PHONE', text)).toEqual([]);
    // A mailto link whose address the page prints nowhere, or also on the business's own line, stays the business's.
    expect(
      values('EMAIL', 'Schreiben Sie uns', 'contact', 'DE', { mailtos: ['info@hwk-musterstadt.de'] }),
    ).toEqual(['info@hwk-musterstadt.de']);
  });

  it('skips the contact data on a line naming a chamber its members belong to', () => {
    const text =
      'Mitglieder der Rechtsanwaltskammer Hamm, Ostenallee 18, 59063 Hamm, Tel. 02381 985000, E-Mail: info@rak-hamm.de';
    expect(values('EMAIL', text)).toEqual([]);
    expect(values('PHONE', text)).toEqual([]);
  });

  it("keeps a web agency's or insurance agent's own contact data", () => {
    const text =
      'Webdesign aus Köln – Telefon 0221 471100, hallo@pixelwerk.de\nVersicherungsagentur Roth, Tel. 0221 123456';
    expect(values('EMAIL', text)).toEqual(['hallo@pixelwerk.de']);
    expect(values('PHONE', text)).toEqual(['+49221123456', '+49221471100']);
  });
});

describe('COMPANY_NAME without a legal form', () => {
  const names = (url: string, text: string, pageType: PageType = 'impressum', title = '') =>
    extractEntities(page(text, { url, title }), pageType, 'DE')
      .filter((e) => e.type === 'COMPANY_NAME')
      .map((e) => e.value);

  it("reads a line or a title part that spells the site's domain name", () => {
    expect(
      names('https://www.yoga-loft-hamburg.de/impressum', 'Yoga Loft Hamburg\nInhaberin: Lisa Hansen'),
    ).toEqual(['Yoga Loft Hamburg']);
    expect(names('https://baeckerei-mayer.de/kontakt', 'Bäckerei Mayer\nLudwigstraße 9', 'contact')).toEqual([
      'Bäckerei Mayer',
    ]);
    expect(
      names('https://it-service-koch.de/', 'Willkommen', 'home', 'IT-Service Koch | Braunschweig'),
    ).toEqual(['IT-Service Koch']);
  });

  it('reads it only on home, impressum and contact pages, for domain names of six letters or more', () => {
    expect(names('https://www.yoga-loft-hamburg.de/kurse', 'Yoga Loft Hamburg', 'about')).toEqual([]);
    expect(names('https://abc.de/impressum', 'ABC')).toEqual([]);
    expect(names('https://www.yoga-loft-hamburg.de/impressum', 'Yoga im Loft in Hamburg')).toEqual([]);
  });

  it('is absorbed by the same name with a legal form when merged', () => {
    const merged = mergeEntities([
      {
        type: 'COMPANY_NAME',
        value: 'Café Lindenblatt',
        confidence: 50,
        source_url: 'https://cafe-lindenblatt.de/kontakt',
      },
      {
        type: 'COMPANY_NAME',
        value: 'Café Lindenblatt GbR',
        confidence: 85,
        source_url: 'https://cafe-lindenblatt.de/impressum',
      },
    ]);
    expect(merged.map((e) => [e.value, e.confidence])).toEqual([['Café Lindenblatt GbR', 93]]);
  });
});

describe('Swiss board chairmen, New Zealand addresses and NZBNs', () => {
  it("reads a Swiss AG's board chairman among those authorised to sign", () => {
    const text =
      'Zeichnungsberechtigte Personen\nUrs Bachmann, Präsident des Verwaltungsrates\nMarta Frei, Verwaltungsratspräsidentin';
    expect(values('PERSON', text, 'impressum', 'CH')).toEqual(['Marta Frei', 'Urs Bachmann']);
  });

  it('reads "<number> <street>, [<suburb>,] <town> <4-digit postcode>" and not a town before a year', () => {
    expect(values('ADDRESS', 'Workshop\n41 Totara Road\nWhanganui 4500', 'contact', 'NZ')).toEqual([
      '41 Totara Road, Whanganui 4500',
    ]);
    expect(
      values('ADDRESS', 'Find us at 7 Kowhai Place, Riccarton, Christchurch 8041.', 'contact', 'NZ'),
    ).toEqual(['7 Kowhai Place, Riccarton, Christchurch 8041']);
    expect(
      values('ADDRESS', 'We moved to Hamilton 2019 and opened in Nelson 2021.', 'contact', 'NZ'),
    ).toEqual([]);
  });

  it('reads an NZBN only when its GS1 check digit holds', () => {
    expect(values('REGISTER', 'Kiwi Joinery Limited (NZBN 9429041234563)', 'legal', 'NZ')).toEqual([
      'NZBN 9429041234563',
    ]);
    expect(values('REGISTER', 'NZBN 9429041234567', 'impressum', 'NZ')).toEqual([]);
  });
});
