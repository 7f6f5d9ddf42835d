// A namespace-blind view of an XML document for the structured readers (e-invoices, procurement notices): every element is a list, every value a
// string (invoice numbers such as "00123" and amounts keep their exact text), namespace prefixes dropped
// (CII and UBL files use whatever prefixes their generator chose).
import { XMLParser } from 'fast-xml-parser';

export type XNode = Record<string, unknown> | string;

/** An XML document that cannot be read as one: malformed, or using features no e-invoice needs. */
export class XmlDocumentError extends Error {
  override name = 'XmlDocumentError';
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // The five predefined entities and character references only; a DOCTYPE is refused before parsing.
  processEntities: true,
  htmlEntities: false,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

/** The root element's local name of an XML text (prolog and comments skipped), read without parsing it. */
export function xmlRootName(xml: string): string | undefined {
  const head = xml.slice(0, 64 * 1024).replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, '');
  return /<(?:[\w.-]+:)?([\w.-]+)[\s>/]/.exec(head)?.[1];
}

/** The root element's local name and node. */
export function parseXml(xml: string): { root: string; node: XNode } {
  // No e-invoice syntax uses a DTD; refusing one rules out entity-expansion attacks ("billion laughs").
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new XmlDocumentError('XML with a DOCTYPE is not accepted');
  let parsed: Record<string, unknown>;
  try {
    parsed = parser.parse(xml, true) as Record<string, unknown>;
  } catch (error) {
    throw new XmlDocumentError(`Malformed XML: ${error instanceof Error ? error.message : error}`);
  }
  for (const [name, value] of Object.entries(parsed)) {
    if (name.startsWith('?') || name.startsWith('#')) continue;
    const node = Array.isArray(value) ? value[0] : value;
    return { root: name, node: (node ?? '') as XNode };
  }
  throw new XmlDocumentError('The XML has no root element');
}

/** Child elements by local name. */
export function kids(node: XNode | undefined, name: string): XNode[] {
  if (!node || typeof node === 'string') return [];
  const value = node[name];
  return Array.isArray(value) ? (value as XNode[]) : [];
}

/** The first element along a path of local names ("SellerTradeParty/Name" as separate arguments). */
export function kid(node: XNode | undefined, ...path: string[]): XNode | undefined {
  let current = node;
  for (const name of path) current = kids(current, name)[0];
  return current;
}

/** Every element of that local name below the node, in document order, at any depth. */
export function descendants(node: XNode | undefined, name: string): XNode[] {
  if (!node || typeof node === 'string') return [];
  const found: XNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@') || key === '#text' || !Array.isArray(value)) continue;
    for (const child of value as XNode[]) {
      if (key === name) found.push(child);
      found.push(...descendants(child, name));
    }
  }
  return found;
}

/** The trimmed text of the element along the path; null when absent or empty. */
export function text(node: XNode | undefined, ...path: string[]): string | null {
  const target = kid(node, ...path);
  const value = typeof target === 'string' ? target : target?.['#text'];
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const trimmed = String(value).trim();
  return trimmed === '' ? null : trimmed;
}

export function attr(node: XNode | undefined, name: string): string | null {
  if (!node || typeof node === 'string') return null;
  const value = node[`@${name}`];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
