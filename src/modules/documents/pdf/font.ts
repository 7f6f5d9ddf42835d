// Embeds a TrueType face (pre-subset at build time, scripts/build-fonts.py) as a Type0/CIDFontType2 font
// with Identity-H encoding and a ToUnicode map: the glyphs are in the file (any viewer shows €, ä, „…"),
// and the text can be extracted. Metrics come precomputed with the bytes, so rendering parses no font.
import { type PDFDocument, PDFHexString, type PDFRef, PDFString } from 'pdf-lib';

export interface FontFace {
  postscriptName: string;
  /** Advance width per glyph id, 1/1000 em. */
  widths: number[];
  /** Glyph id per code point (decimal string keys). */
  cmap: Record<string, number>;
  ascent: number;
  descent: number;
  capHeight: number;
  bbox: number[];
  /** The subset TrueType file, base64. */
  data: string;
}

export interface EmbeddedFont {
  ref: PDFRef;
  /** Hex string of glyph ids for `text` (unknown characters become "?"). */
  encode(text: string): PDFHexString;
  widthOf(text: string, size: number): number;
}

const fontBytes = new Map<FontFace, Uint8Array>();

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

function glyphsOf(face: FontFace, text: string): number[] {
  const fallback = face.cmap['63'] ?? 0;
  return Array.from(text, (ch) => face.cmap[String(ch.codePointAt(0))] ?? fallback);
}

/** The CMap that maps every glyph of the face back to its code point (for copy and text extraction). */
function toUnicodeCMap(face: FontFace): string {
  const pairs = new Map<number, number>();
  for (const [codePoint, gid] of Object.entries(face.cmap)) {
    if (!pairs.has(gid)) pairs.set(gid, Number(codePoint));
  }
  const entries = [...pairs].sort((a, b) => a[0] - b[0]);
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const part = entries.slice(i, i + 100);
    blocks.push(
      `${part.length} beginbfchar\n${part.map(([g, u]) => `<${hex4(g)}> <${hex4(u)}>`).join('\n')}\nendbfchar`,
    );
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <ffff>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/** A deterministic subset tag (six capitals from a hash of the name), as PDF asks for embedded subsets. */
function subsetTag(name: string) {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  let tag = '';
  for (let i = 0; i < 6; i++, hash = Math.floor(hash / 26)) tag += String.fromCharCode(65 + (hash % 26));
  return tag;
}

export function embedFont(doc: PDFDocument, face: FontFace): EmbeddedFont {
  const { context } = doc;
  let bytes = fontBytes.get(face);
  if (!bytes) {
    bytes = Uint8Array.from(atob(face.data), (ch) => ch.charCodeAt(0));
    fontBytes.set(face, bytes);
  }
  const baseFont = `${subsetTag(face.postscriptName)}+${face.postscriptName}`;
  const fontFile = context.register(context.flateStream(bytes, { Length1: bytes.length }));
  const descriptor = context.register(
    context.obj({
      Type: 'FontDescriptor',
      FontName: baseFont,
      Flags: 32,
      FontBBox: face.bbox,
      ItalicAngle: 0,
      Ascent: face.ascent,
      Descent: face.descent,
      CapHeight: face.capHeight,
      StemV: 80,
      FontFile2: fontFile,
    }),
  );
  // Widths as one run from glyph 0: [0 [w0 w1 …]].
  const widths = context.obj([0, face.widths]);
  const cidFont = context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: baseFont,
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      W: widths,
      CIDToGIDMap: 'Identity',
    }),
  );
  const toUnicode = context.register(context.flateStream(toUnicodeCMap(face)));
  const ref = context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: baseFont,
      Encoding: 'Identity-H',
      DescendantFonts: [cidFont],
      ToUnicode: toUnicode,
    }),
  );
  return {
    ref,
    encode: (text) => PDFHexString.of(glyphsOf(face, text).map(hex4).join('')),
    widthOf: (text, size) =>
      (glyphsOf(face, text).reduce((sum, gid) => sum + (face.widths[gid] ?? 0), 0) * size) / 1000,
  };
}
