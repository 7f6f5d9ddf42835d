// Every problem the API can answer, in plain words in both languages: specific problem types first (keyed by
// the type's slug, with the facts the problem carries), then the status for everything else. The technical
// title and detail stay available for the "Details" disclosure (ui/feedback.tsx).
import type { ApiProblem } from '../api/problem';
import { defineMessages, messagesOf } from './define';

const KINDS_EN: Record<string, string> = {
  pdf: 'a PDF document',
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  webp: 'a WebP image',
  gif: 'a GIF image',
  zip: 'a ZIP archive',
  docx: 'a Word document',
  xml: 'an XML file',
  unknown: 'a file of a type Engage does not know',
};
const KINDS_DE: Record<string, string> = {
  pdf: 'ein PDF-Dokument',
  png: 'ein PNG-Bild',
  jpeg: 'ein JPEG-Bild',
  webp: 'ein WebP-Bild',
  gif: 'ein GIF-Bild',
  zip: 'ein ZIP-Archiv',
  docx: 'ein Word-Dokument',
  xml: 'eine XML-Datei',
  unknown: 'eine Datei eines unbekannten Typs',
};
const PURPOSES_EN: Record<string, string> = {
  invoice: 'Invoices',
  rfp: 'Tenders',
  attachment: 'Attachments',
  avatar: 'Profile pictures',
};
const PURPOSES_DE: Record<string, string> = {
  invoice: 'Rechnungen',
  rfp: 'Ausschreibungen',
  attachment: 'Anhänge',
  avatar: 'Profilbilder',
};
const short = (kind: string) => (kind === 'docx' ? 'Word' : kind.toUpperCase());
const list = (kinds: string[], or: string) =>
  kinds.length <= 1
    ? kinds.map(short).join('')
    : `${kinds.slice(0, -1).map(short).join(', ')} ${or} ${short(kinds.at(-1) ?? '')}`;

const UNSAFE_EN: Record<string, string> = {
  private_address: 'This address points into a private network, so Engage will not fetch it.',
  ip_literal: 'This address is a bare IP address; Engage only fetches public websites by their name.',
  blocked_hostname: 'This address is a local or internal host name, so Engage will not fetch it.',
  embedded_ip: 'This address hides an internal IP address in its name, so Engage will not fetch it.',
  scheme: 'Only web addresses starting with http:// or https:// can be used.',
  credentials: 'The address contains a user name or password; leave them out.',
  port: 'The address uses an unusual port; only the standard web ports 80 and 443 are allowed.',
  invalid_url: 'This is not a valid web address.',
  too_many_redirects: 'The address forwards too many times.',
};
const UNSAFE_DE: Record<string, string> = {
  private_address: 'Diese Adresse zeigt in ein privates Netz, deshalb ruft Engage sie nicht ab.',
  ip_literal: 'Das ist eine reine IP-Adresse; Engage ruft nur öffentliche Websites über ihren Namen ab.',
  blocked_hostname: 'Das ist ein lokaler oder interner Hostname, deshalb ruft Engage ihn nicht ab.',
  embedded_ip: 'Diese Adresse versteckt eine interne IP-Adresse im Namen, deshalb ruft Engage sie nicht ab.',
  scheme: 'Nur Webadressen mit http:// oder https:// sind möglich.',
  credentials: 'Die Adresse enthält Benutzername oder Passwort; bitte weglassen.',
  port: 'Die Adresse nutzt einen ungewöhnlichen Port; erlaubt sind nur die Web-Ports 80 und 443.',
  invalid_url: 'Das ist keine gültige Webadresse.',
  too_many_redirects: 'Die Adresse leitet zu oft weiter.',
};

export const problemTexts = defineMessages(
  {
    network: 'Engage cannot be reached. Check your connection and try again.',
    unexpected: 'Something went wrong in the dashboard. Reload the page and try again.',
    unsupportedFile: (detected: string, accepted: string[], purpose: string | null) =>
      `This is ${KINDS_EN[detected] ?? `a ${detected} file`}; ${PURPOSES_EN[purpose ?? ''] ?? 'Files here'} must be ${list(accepted, 'or')}.`,
    damagedFile: 'The file is damaged or incomplete. Export it again and upload the new copy.',
    fileTooLarge: 'The file is too large to upload here.',
    unsafeUrl: (reason: string) => UNSAFE_EN[reason] ?? 'Engage will not fetch this address, for safety.',
    invalidCredentials: 'Wrong email or password.',
    accountDisabled: 'This account has been disabled. Ask your administrator.',
    sessionExpired: 'Your session has expired. Please sign in again.',
    missingScope: (scope: string) => `This API key may not do this (it lacks the permission “${scope}”).`,
    insufficientCredits: 'Not enough AI credits for this. Buy credits and try again.',
    rateLimited: 'Too many attempts in a short time. Wait a moment and try again.',
    validation: 'Some fields need attention.',
    malformed: 'The request could not be read. Reload the page and try again.',
    status400: 'The request could not be read. Reload the page and try again.',
    status401: 'Please sign in again.',
    status403: 'You are not allowed to do this.',
    status404: 'This does not exist (any more), or you cannot see it.',
    status409: 'This changed in the meantime. Reload to see the current state, then try again.',
    status413: 'That is too large.',
    status422: 'Some fields need attention.',
    status5xx: 'Something went wrong on our side. It has been logged; please try again in a moment.',
    other: 'That did not work. Please try again.',
  },
  {
    network: 'Engage ist nicht erreichbar. Bitte Verbindung prüfen und erneut versuchen.',
    unexpected: 'Im Dashboard ist etwas schiefgegangen. Bitte die Seite neu laden und erneut versuchen.',
    unsupportedFile: (detected: string, accepted: string[], purpose: string | null) =>
      `Das ist ${KINDS_DE[detected] ?? `eine ${detected}-Datei`}; ${PURPOSES_DE[purpose ?? ''] ?? 'Dateien hier'} müssen ${list(accepted, 'oder')} sein.`,
    damagedFile: 'Die Datei ist beschädigt oder unvollständig. Bitte neu exportieren und erneut hochladen.',
    fileTooLarge: 'Die Datei ist zu groß für diesen Upload.',
    unsafeUrl: (reason: string) =>
      UNSAFE_DE[reason] ?? 'Aus Sicherheitsgründen ruft Engage diese Adresse nicht ab.',
    invalidCredentials: 'E-Mail oder Passwort ist falsch.',
    accountDisabled: 'Dieses Konto wurde deaktiviert. Bitte wenden Sie sich an Ihre Administration.',
    sessionExpired: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
    missingScope: (scope: string) =>
      `Dieser API-Schlüssel darf das nicht (ihm fehlt die Berechtigung „${scope}“).`,
    insufficientCredits: 'Das KI-Guthaben reicht dafür nicht. Bitte Guthaben kaufen und erneut versuchen.',
    rateLimited: 'Zu viele Versuche in kurzer Zeit. Bitte einen Moment warten und erneut versuchen.',
    validation: 'Einige Felder müssen noch korrigiert werden.',
    malformed: 'Die Anfrage war nicht lesbar. Bitte die Seite neu laden und erneut versuchen.',
    status400: 'Die Anfrage war nicht lesbar. Bitte die Seite neu laden und erneut versuchen.',
    status401: 'Bitte melden Sie sich erneut an.',
    status403: 'Dazu sind Sie nicht berechtigt.',
    status404: 'Das gibt es nicht (mehr), oder Sie können es nicht sehen.',
    status409: 'Das hat sich inzwischen geändert. Bitte neu laden und dann erneut versuchen.',
    status413: 'Das ist zu groß.',
    status422: 'Einige Felder müssen noch korrigiert werden.',
    status5xx:
      'Bei uns ist etwas schiefgegangen. Es wurde protokolliert; bitte gleich noch einmal versuchen.',
    other: 'Das hat nicht geklappt. Bitte erneut versuchen.',
  },
);

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The problem in plain words, in the dashboard's language. */
export function describeProblem(problem: ApiProblem): string {
  const m = messagesOf(problemTexts);
  const facts = problem.extensions;
  switch (problem.slug) {
    case 'unsupported-file-type': {
      const accepted = Array.isArray(facts.accepted) ? facts.accepted.map(String) : [];
      return m.unsupportedFile(text(facts.detected) || 'unknown', accepted, text(facts.purpose) || null);
    }
    case 'damaged-file':
      return m.damagedFile;
    case 'file-too-large':
      return m.fileTooLarge;
    case 'unsafe-url':
      return m.unsafeUrl(text(facts.reason));
    case 'invalid-credentials':
      return m.invalidCredentials;
    case 'account-disabled':
      return m.accountDisabled;
    case 'session-expired':
      return m.sessionExpired;
    case 'missing-scope':
      return m.missingScope(text(facts.scope));
    case 'insufficient-credits':
      return m.insufficientCredits;
    case 'rate-limited':
      return m.rateLimited;
    case 'validation-failed':
      return m.validation;
    case 'malformed-json':
      return m.malformed;
  }
  const status = problem.status;
  if (status === 0) return problem.title === 'Network error' ? m.network : m.unexpected;
  if (status >= 500) return m.status5xx;
  const byStatus: Record<number, string> = {
    400: m.status400,
    401: m.status401,
    403: m.status403,
    404: m.status404,
    409: m.status409,
    413: m.status413,
    422: m.status422,
  };
  return byStatus[status] ?? m.other;
}
