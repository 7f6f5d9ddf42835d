// Which field the expert is looking at, shared by the form and the document: focusing a field selects its
// box on the page, hovering a box highlights its field. Paths are the boxes' paths (`line_items[2]`).
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export interface Highlight {
  selected: string | null;
  hovered: string | null;
  select: (path: string | null) => void;
  hover: (path: string | null) => void;
}

export const HighlightContext = createContext<Highlight>({
  selected: null,
  hovered: null,
  select: () => {},
  hover: () => {},
});

export const useHighlight = () => useContext(HighlightContext);

/** The box a form field is drawn by: its own, or its row's for a line item's cell. */
export function boxPathOf(fieldPath: string): string {
  const row = /^line_items\.(\d+)(\.|$)/.exec(fieldPath);
  return row ? `line_items[${row[1]}]` : fieldPath;
}

/** The id of the form control for a field path, so a click on a box can focus it. */
export const controlId = (fieldPath: string) => `invoice-${fieldPath.replaceAll('.', '-')}`;

/** The control a click on a box focuses: the field itself, or a row's description. */
export function controlOfBox(boxPath: string): string {
  const row = /^line_items\[(\d+)\]$/.exec(boxPath);
  return controlId(row ? `line_items.${row[1]}.description` : boxPath);
}
