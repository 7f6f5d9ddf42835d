// Reading document numbers (invoice numbers, tender references) the way people print them.
import { datesIn } from '../../text/dates';

/** "RE-2024-0815", "INV 1042", "2024/17": the first cell's leading tokens, with a digit, not a date. */
export function parseReference(text: string): string | null {
  // Messy layouts space out separators: "2024 / 117" is "2024/117".
  const cell = (text.split('\t')[0] ?? '').trim().replace(/\s*([/-])\s*(?=\w)/g, '$1');
  const tokens = cell.split(/\s+/);
  const taken: string[] = [];
  for (const [i, token] of tokens.entries()) {
    const clean = token.replace(/[.,;]$/, '');
    const next = tokens[i + 1] ?? '';
    const prefix = /^[A-Z]{1,4}$/.test(clean) && /\d/.test(next) && taken.length === 0;
    if (!/^[A-Z0-9][A-Z0-9\-/._]*$/i.test(clean) || !(/\d/.test(clean) || prefix)) break;
    taken.push(clean);
    if (!prefix) break;
  }
  const value = taken.join(' ');
  if (!/\d/.test(value) || value.length > 30 || datesIn(value).length > 0) return null;
  return value;
}
