// Finds dates (and times) written the German or English way and returns them as ISO-8601 strings.

export interface DateHit {
  /** YYYY-MM-DD, or YYYY-MM-DDTHH:MM when a time follows the date. */
  iso: string;
  index: number;
  end: number;
}

const MONTHS: [RegExp, number][] = [
  [/^(jan|jän)/, 1],
  [/^feb/, 2],
  [/^(mär|mar|mrz)/, 3],
  [/^apr/, 4],
  [/^(mai|may)/, 5],
  [/^jun/, 6],
  [/^jul/, 7],
  [/^aug/, 8],
  [/^sep/, 9],
  [/^(okt|oct)/, 10],
  [/^nov/, 11],
  [/^(dez|dec)/, 12],
];
const MONTH =
  '(?:Januar|Jänner|Februar|März|Maerz|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|January|February|March|May|June|July|October|December|Jan|Feb|Mär|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Okt|Oct|Nov|Dez|Dec)\\.?';
// An optional time after the date: "12:00 Uhr", "um 10 Uhr", "12.00 Uhr", "at 5:00 pm".
const TIME = String.raw`(?:,?\s*(?:um|at|bis|by|,)?\s*(?<hh>\d{1,2})(?::(?<mi>\d{2})\s*(?:Uhr|h)?|\.(?<md>\d{2})\s*Uhr|\s*Uhr)(?:\s*(?<ap>[ap])\.?m\.?)?)?`;

// Each pattern yields day, month, year groups by name; the time groups are shared.
const PATTERNS = [
  String.raw`(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})(?:T(?<th>\d{2}):(?<tm>\d{2}))?`,
  String.raw`(?<d>\d{1,2})\.\s?(?<m>\d{1,2})\.\s?(?<y>\d{4}|\d{2})(?!\d|\.\d)`,
  String.raw`(?<a>\d{1,2})/(?<b>\d{1,2})/(?<y>\d{4}|\d{2})(?!\d)`,
  String.raw`(?<d>\d{1,2})(?:\.|st|nd|rd|th)?\s+(?<mn>${MONTH})\s+(?<y>\d{4})`,
  String.raw`(?<mn>${MONTH})\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>\d{4})`,
].map((source) => new RegExp(String.raw`(?<![\w.])(?:${source})${TIME}`, 'gi'));

export function datesIn(line: string): DateHit[] {
  const hits: DateHit[] = [];
  for (const pattern of PATTERNS) {
    for (const match of line.matchAll(pattern)) {
      const iso = toIso(match);
      const end = match.index + match[0].length;
      // Patterns can overlap ("12. März 2024" vs nothing else); the first one found at a place wins.
      if (iso && !hits.some((h) => match.index < h.end && h.index < end))
        hits.push({ iso, index: match.index, end });
    }
  }
  return hits.sort((a, b) => a.index - b.index);
}

function toIso(match: RegExpMatchArray): string | null {
  const g = match.groups ?? {};
  let year = Number(g.y);
  if (year < 100) year += 2000;
  let month = g.mn ? monthNumber(g.mn) : Number(g.m);
  let day = Number(g.d);
  if (g.a && g.b) {
    // Slashes: day first as in the UK and Europe, unless only month-first makes a date (US style).
    [day, month] = Number(g.b) > 12 ? [Number(g.b), Number(g.a)] : [Number(g.a), Number(g.b)];
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
  const minute = Number(g.mi ?? g.md ?? 0);
  if (hour > 23 || minute > 59) return null;
  return `${pad(hour)}:${pad(minute)}`;
}

function monthNumber(name: string): number {
  const lower = name.toLowerCase().replace('maerz', 'mär');
  return MONTHS.find(([pattern]) => pattern.test(lower))?.[1] ?? 0;
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
