// Reading a batch's CSV: papaparse for the format (quoted fields, `,` `;` or tab delimiters, CRLF), a BOM
// and legacy Windows-1252 bytes tolerated, then the URL column: named by `?url_column=`, else found by its
// header (url, website, domain, Webseite…), else by its values (the one column that holds domains), and a
// file with no header at all when its first row is already a URL.
import Papa from 'papaparse';
import { ApiError } from '../../lib/errors';

export const MAX_BATCH_ROWS = 10_000;
/** Characters of one row's cells together: a row is a record, not a document (and D1 rows stay small). */
export const MAX_ROW_CHARS = 32_768;

export interface BatchInput {
  source: 'csv' | 'json';
  columns: string[];
  urlColumn: string;
  /** Index of the URL column in each row. */
  urlIndex: number;
  rows: string[][];
}

/** Header names that say "this is the website", compared lower-case without spaces, dashes or underscores. */
const URL_HEADERS = [
  'url',
  'website',
  'websiteurl',
  'web',
  'webseite',
  'webadresse',
  'internetseite',
  'internetadresse',
  'homepage',
  'site',
  'siteweb',
  'sitioweb',
  'sitoweb',
  'companyurl',
  'companywebsite',
  'domain',
  'companydomain',
  'domaine',
  'dominio',
  'www',
  'link',
];

const DOMAIN_LIKE =
  /^(https?:\/\/)?([a-z0-9\u00a1-\uffff-]+\.)+[a-z\u00a1-\uffff]{2,}(:\d{1,5})?([/?#]\S*)?$/i;

const looksLikeUrl = (value: string) => {
  const v = value.trim();
  return v.length > 3 && v.length <= 2048 && !v.includes('@') && DOMAIN_LIKE.test(v);
};

const headerKey = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.:]/g, '');

const invalid = (path: string, message: string, detail = 'The CSV cannot be read as a batch') =>
  new ApiError(422, detail, { errors: [{ path, message }] });

/** UTF-8 (with or without BOM), or Windows-1252 as Excel saves it on many machines. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

export function parseCsvBatch(text: string, urlColumn: string | undefined): BatchInput {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    delimitersToGuess: [',', ';', '\t', '|'],
    skipEmptyLines: 'greedy',
  });
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    throw invalid(`row ${(quoteError.row ?? 0) + 1}`, `${quoteError.message} (a quoted field is not closed)`);
  }
  const table = parsed.data.filter((row) => Array.isArray(row) && row.some((cell) => cell.trim() !== ''));
  const first = table[0];
  if (!first) throw invalid('body', 'The CSV has no rows');

  const chosen = urlColumn === undefined ? detectUrlColumn(table) : namedColumn(first, urlColumn);
  const columns = chosen.headerless ? headerlessColumns(first.length) : first.map((c) => c.trim());
  const rows = chosen.headerless ? table : table.slice(1);
  if (rows.length === 0) throw invalid('body', 'The CSV has a header but no data rows');
  if (rows.length > MAX_BATCH_ROWS) {
    throw invalid('body', `${rows.length} rows: a batch takes at most ${MAX_BATCH_ROWS}`, 'Too many rows');
  }
  const wide = rows.findIndex((row) => row.reduce((sum, cell) => sum + cell.length, 0) > MAX_ROW_CHARS);
  if (wide >= 0) throw invalid(`row ${wide + 1}`, `A row holds at most ${MAX_ROW_CHARS} characters`);
  return {
    source: 'csv',
    columns,
    urlColumn: columns[chosen.index] ?? 'url',
    urlIndex: chosen.index,
    rows,
  };
}

interface Choice {
  index: number;
  headerless: boolean;
}

function namedColumn(header: string[], name: string): Choice {
  const wanted = name.trim().toLowerCase();
  const index = header.findIndex((cell) => cell.trim().toLowerCase() === wanted);
  if (index < 0) {
    throw invalid('url_column', `No column named "${name}"; the columns are: ${header.join(', ')}`);
  }
  return { index, headerless: false };
}

function detectUrlColumn(table: string[][]): Choice {
  const header = table[0] ?? [];
  const sample = table.slice(1, 201);
  // By name: the best-ranked known header; two equally named candidates are not obvious.
  const named = header
    .map((cell, index) => ({ index, rank: URL_HEADERS.indexOf(headerKey(cell)) }))
    .filter((c) => c.rank >= 0)
    .sort((a, b) => a.rank - b.rank);
  if (named.length === 1 || (named.length > 1 && named[0]?.rank !== named[1]?.rank)) {
    return { index: named[0]?.index ?? 0, headerless: false };
  }
  // No header: the first row is data already (a plain list of domains, say).
  const urlCellsInHeader = header.map((cell, index) => ({ cell, index })).filter((c) => looksLikeUrl(c.cell));
  if (urlCellsInHeader.length === 1 && urlCellsInHeader[0]) {
    return { index: urlCellsInHeader[0].index, headerless: true };
  }
  // By values: the one column whose cells are mostly domains or URLs.
  const byValues = header
    .map((_, index) => {
      const values = sample.map((row) => row[index] ?? '').filter((v) => v.trim() !== '');
      const share = values.length === 0 ? 0 : values.filter(looksLikeUrl).length / values.length;
      return { index, share };
    })
    .filter((c) => c.share >= 0.8);
  if (byValues.length === 1 && byValues[0]) return { index: byValues[0].index, headerless: false };
  throw invalid(
    'url_column',
    `Cannot tell which column holds the URLs; name it with ?url_column= (one of: ${header.join(', ')})`,
  );
}

const headerlessColumns = (n: number) =>
  n === 1 ? ['url'] : Array.from({ length: n }, (_, i) => `column_${i + 1}`);
