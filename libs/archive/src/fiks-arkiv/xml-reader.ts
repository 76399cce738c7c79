// Reading Fiks Arkiv payloads as plain objects: decoding by byte-order mark (two KS examples are UTF-16LE with a BOM),
// then fast-xml-parser with the namespace prefixes removed, every value kept as text.
import { XMLParser } from 'fast-xml-parser';

/** The text of a payload given as a string or as the bytes of a file: UTF-8 unless a BOM says UTF-16. */
export function decodeXml(xmlOrBytes: string | Buffer): string {
  if (typeof xmlOrBytes === 'string') return xmlOrBytes.replace(/^\uFEFF/, '');
  const b = xmlOrBytes;
  if (b[0] === 0xff && b[1] === 0xfe) return b.subarray(2).toString('utf16le');
  if (b[0] === 0xfe && b[1] === 0xff) return Buffer.from(b.subarray(2)).swap16().toString('utf16le');
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
  return b.toString('utf8');
}

export type XmlNode = { [name: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[] | undefined;

/** Elements that may repeat, always read as arrays. */
const REPEATED = new Set(['klassifikasjon', 'dokumentbeskrivelse', 'dokumentobjekt', 'korrespondansepart', 'dokumentbeskrivelseKvittering']);

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
});

/** The document's root element name and content. */
export function parseXml(xmlOrBytes: string | Buffer): { root: string; node: XmlNode } {
  const doc = parser.parse(decodeXml(xmlOrBytes)) as XmlNode;
  const root = Object.keys(doc).find((k) => !k.startsWith('?'));
  if (!root) throw new Error('not an XML document');
  const node = doc[root];
  return { root, node: typeof node === 'object' && !Array.isArray(node) ? node : {} };
}

/** A child element (the first, if it repeats). */
export function child(node: XmlValue, name: string): XmlNode | undefined {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const v = node[name];
  const first = Array.isArray(v) ? v[0] : v;
  return first && typeof first === 'object' && !Array.isArray(first) ? first : first === '' ? {} : undefined;
}

/** Every child element of that name. */
export function children(node: XmlValue, name: string): XmlNode[] {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return [];
  const v = node[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((c): c is XmlNode => typeof c === 'object' && !Array.isArray(c));
}

/** A child's text, if present. */
export function text(node: XmlValue, name: string): string | undefined {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const v = node[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : undefined;
}

/** The value of a kode element (`<name><kode>X</kode></name>`). */
export function codeOf(node: XmlValue, name: string): string | undefined {
  return text(child(node, name), 'kode');
}

/** A child's integer (xs:int), if present. */
export function int(node: XmlValue, name: string): number | null {
  const t = text(node, name);
  return t === undefined || t === '' ? null : Number.parseInt(t, 10);
}
