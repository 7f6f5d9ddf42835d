// Small helpers for looking at the text around a match (labels sit on the same line or the line above).

/** The text before `index` on its line (at most `chars`); when the match opens its line, the end of the line above. */
export function contextBefore(text: string, index: number, chars = 40): string {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  const sameLine = text.slice(Math.max(lineStart, index - chars), index);
  if (sameLine.trim() || lineStart === 0) return sameLine;
  const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  return text.slice(Math.max(prevStart, lineStart - 1 - chars), lineStart - 1);
}

/** The text after `index` up to the end of its line (at most `chars`). */
export function contextAfter(text: string, index: number, chars = 40): string {
  const lineEnd = text.indexOf('\n', index);
  return text.slice(index, Math.min(lineEnd === -1 ? text.length : lineEnd, index + chars));
}

/** Start offsets of each line, for mapping a match to its line cheaply. */
export function lineAt(text: string, index: number): { start: number; end: number; line: string } {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const endIdx = text.indexOf('\n', index);
  const end = endIdx === -1 ? text.length : endIdx;
  return { start, end, line: text.slice(start, end) };
}
