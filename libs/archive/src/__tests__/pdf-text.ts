// The text of a PDF that pdfkit wrote (Type0 fonts, Identity-H, a ToUnicode CMap each): enough for tests to read what a
// document says without a PDF library. Each text-showing operation becomes one line.
import { inflateSync } from 'node:zlib';

interface PdfObject { dict: string; stream?: string }

function objects(pdf: Buffer): Map<string, PdfObject> {
  const src = pdf.toString('latin1');
  const out = new Map<string, PdfObject>();
  for (const m of src.matchAll(/(\d+) 0 obj\s*([\s\S]*?)\nendobj/g)) {
    const body = m[2];
    const at = body.indexOf('\nstream\n');
    if (at < 0) {
      out.set(m[1], { dict: body });
      continue;
    }
    const dict = body.slice(0, at);
    const raw = Buffer.from(body.slice(at + 8, body.lastIndexOf('\nendstream')), 'latin1');
    out.set(m[1], { dict, stream: (/FlateDecode/.test(dict) ? inflateSync(raw) : raw).toString('latin1') });
  }
  return out;
}

/** code (4 hex digits) → text, from a bfrange CMap as pdfkit writes it: <start> <end> [<u> <u u> ...]. */
function cmap(stream: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const m of stream.matchAll(/<([0-9a-f]+)> <[0-9a-f]+> \[([^\]]*)\]/gi)) {
    let code = parseInt(m[1], 16);
    for (const entry of m[2].matchAll(/<([^>]*)>/g)) {
      const units = entry[1].split(' ').filter(Boolean).map((h) => parseInt(h, 16));
      map.set(code++, String.fromCharCode(...units));
    }
  }
  return map;
}

export function pdfText(pdf: Buffer): string {
  const objs = objects(pdf);
  // Resource name (/F1) → the font's ToUnicode map.
  const fonts = new Map<string, Map<number, string>>();
  for (const { dict } of objs.values()) {
    for (const m of dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objs.get(m[2])?.dict ?? '');
      const stream = toUnicode && objs.get(toUnicode[1])?.stream;
      if (stream) fonts.set(m[1], cmap(stream));
    }
  }
  const lines: string[] = [];
  for (const { stream } of objs.values()) {
    if (!stream || !/ Tf\n/.test(stream)) continue;
    let font: Map<number, string> | undefined;
    for (const op of stream.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
      if (op[1]) {
        font = fonts.get(op[1]);
        continue;
      }
      let line = '';
      for (const hex of op[2].matchAll(/<([0-9a-f]*)>/gi)) {
        for (let i = 0; i < hex[1].length; i += 4) line += font?.get(parseInt(hex[1].slice(i, i + 4), 16)) ?? '\uFFFD';
      }
      lines.push(line);
    }
  }
  return lines.join('\n');
}

/** The text with line breaks and runs of spaces as single spaces, for phrases that wrap. */
export const flat = (text: string) => text.replace(/\s+/g, ' ');
