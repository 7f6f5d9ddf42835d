// Finds dates (and times) as written in German, English, French, Dutch, Spanish and Italian documents and
// returns them as ISO-8601 strings.

export interface DateHit {
  /** YYYY-MM-DD, or YYYY-MM-DDTHH:MM when a time follows the date. */
  iso: string;
  index: number;
  end: number;
}

// Month names and their usual abbreviations in German, English, French, Dutch, Spanish and Italian.
const MONTH_NAMES: Record<string, number> = {};
for (const [month, names] of [
  [1, 'januar jänner january janvier januari enero gennaio jan jän janv ene gen'],
  [2, 'februar february février fevrier februari febrero febbraio feb févr fév fevr'],
  [3, 'märz maerz march mars maart marzo mär mar mrz mrt'],
  [4, 'april avril abril aprile apr avr abr'],
  [5, 'mai may mei mayo maggio mag'],
  [6, 'juni june juin junio giugno jun giu'],
  [7, 'juli july juillet julio luglio jul juil lug'],
  [8, 'august août aout augustus agosto aug ago'],
  [9, 'september septembre septiembre setiembre settembre sept sep set'],
  [10, 'oktober october octobre octubre ottobre okt oct ott'],
  [11, 'november novembre noviembre nov'],
  [12, 'dezember december décembre decembre diciembre dicembre dez dec déc dic'],
] as const) {
  for (const name of names.split(' ')) MONTH_NAMES[name] = month;
}
// Longest first, so "juillet" is not read as "jul" followed by letters.
const MONTH = `(?:${Object.keys(MONTH_NAMES)
  .sort((a, b) => b.length - a.length)
  .join('|')})\\.?(?![a-zà-ÿ])`;
// An optional time after the date: "12:00 Uhr", "um 10 Uhr", "12.00 Uhr", "at 5:00 pm", "à 12h00", "à 12 h".
const TIME = String.raw`(?:,?\s*(?:um|at|bis|by|à|,)?\s*(?<hh>\d{1,2})(?::(?<mi>\d{2})\s*(?:Uhr|h)?|\.(?<md>\d{2})\s*Uhr|\s*Uhr|\s?h\s?(?<fh>\d{2})?(?![a-zà-ÿ\d]))(?:\s*(?<ap>[ap])\.?m\.?)?)?`;

// Each pattern yields day, month, year groups by name; the time groups are shared.
const PATTERNS = [
  String.raw`(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})(?:T(?<th>\d{2}):(?<tm>\d{2}))?`,
  String.raw`(?<d>\d{1,2})\.\s?(?<m>\d{1,2})\.\s?(?<y>\d{4}|\d{2})(?!\d|\.\d)`,
  String.raw`(?<a>\d{1,2})/(?<b>\d{1,2})/(?<y>\d{4}|\d{2})(?!\d)`,
  // Dutch and others write day-month-year with dashes: "8-9-2022".
  String.raw`(?<d>\d{1,2})-(?<m>\d{1,2})-(?<y>\d{4})(?!\d)`,
  // "18 april 2014", "1er juillet 2015", "3 de agosto de 2014", "3rd August 2014", "12. März 2024".
  String.raw`(?<d>\d{1,2})(?:\.|st|nd|rd|th|er|°|º)?\s+(?:de\s+)?(?<mn>${MONTH})\s+(?:de\s+|del\s+)?(?<y>\d{4})`,
  // "Aug 3, 2014", "August 3rd 2014".
  String.raw`(?<mn>${MONTH})\s+(?<d>\d{1,2})(?:st|nd|rd|th)?\s?,?\s+(?<y>\d{4})`,
].map((source) => new RegExp(String.raw`(?<![\w.])(?:${source})${TIME}`, 'gi'));

/**
 * Slashed dates are day first as in Europe, India and the UK; `monthFirst` reads them the US way
 * (08/03/2014 = 3 August). Either way a reading that only works the other way round wins (13/08, 08/13).
 */
export function datesIn(line: string, options: { monthFirst?: boolean } = {}): DateHit[] {
  const hits: DateHit[] = [];
  for (const pattern of PATTERNS) {
    for (const match of line.matchAll(pattern)) {
      const iso = toIso(match, options.monthFirst ?? false);
      const end = match.index + match[0].length;
      // Patterns can overlap ("12. März 2024" vs nothing else); the first one found at a place wins.
      if (iso && !hits.some((h) => match.index < h.end && h.index < end))
        hits.push({ iso, index: match.index, end });
    }
  }
  return hits.sort((a, b) => a.index - b.index);
}

function toIso(match: RegExpMatchArray, monthFirst: boolean): string | null {
  const g = match.groups ?? {};
  let year = Number(g.y);
  if (year < 100) year += 2000;
  let month = g.mn ? monthNumber(g.mn) : Number(g.m);
  let day = Number(g.d);
  if (g.a && g.b) {
    const [a, b] = [Number(g.a), Number(g.b)];
    const swap = monthFirst ? a <= 12 || b > 12 : b > 12;
    [day, month] = swap ? [b, a] : [a, b];
  }
  if (!validDate(year, month, day)) return null;
  const date = `${year}-${pad(month)}-${pad(day)}`;
  const time = timeOf(match);
  return time ? `${date}T${time}` : date;
}

function timeOf(match: RegExpMatchArray): string | null {
  const g = match.groups ?? {};
  if (g.th) return `${g.th}:${g.tm}`;
  if (g.hh === undefined) return null;
  let hour = Number(g.hh);
  const meridiem = g.ap?.toLowerCase();
  if (meridiem === 'p' && hour < 12) hour += 12;
  if (meridiem === 'a' && hour === 12) hour = 0;
  const minute = Number(g.mi ?? g.md ?? g.fh ?? 0);
  if (hour > 23 || minute > 59) return null;
  return `${pad(hour)}:${pad(minute)}`;
}

function monthNumber(name: string): number {
  return MONTH_NAMES[name.toLowerCase().replace(/\.$/, '')] ?? 0;
}

export function validDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** "März 2024" / "March 2024" → the whole month, for service periods given as a month. */
export function monthPeriodIn(line: string): { from: string; to: string; index: number } | null {
  const match = new RegExp(String.raw`(?<![\w.])(${MONTH})\s+(\d{4})\b`, 'i').exec(line);
  if (!match) return null;
  const month = monthNumber(match[1] ?? '');
  const year = Number(match[2]);
  if (!month) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(last)}`, index: match.index };
}

export function daysBetween(from: string, to: string): number {
  return (Date.parse(to.slice(0, 10)) - Date.parse(from.slice(0, 10))) / 86_400_000;
}

const pad = (n: number) => String(n).padStart(2, '0');
