// How deeply a JSON text nests, found by a scan instead of a parse: JSON.parse takes any depth, but the code
// after it does not (JSON.stringify of a 7,000-level array overflows the stack while answering, after the
// request's work is done). No library bounds the depth of JSON without parsing it, and this is a dozen lines.

/** The deepest nesting of arrays and objects in `text`, stopping once it passes `limit`. */
export function jsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // a backslash escapes the next character
      else if (ch === 0x22) inString = false;
      continue;
    }
    if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (ch === 0x5d || ch === 0x7d) depth--;
  }
  return deepest;
}
