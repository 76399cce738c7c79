// Draws a document (letterhead, body blocks, signature, page footers) with pdfkit as PDF/A-2b: DejaVu fonts embedded
// (PDF/A forbids the unembedded standard 14), the sRGB output intent pdfkit adds, XMP metadata matching the Info
// dictionary, a structure tree (tagged), and dates from the input so that the same input gives the same bytes.
import PDFDocument from 'pdfkit';
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { join } from 'node:path';
import type { Block, DocumentBody } from './document-model';

/** The letterhead, signature and metadata: everything about a document but its body. */
export interface DocumentFrame {
  title: string;
  /** "Nordre Follo kommune" */
  organisation: string;
  unit: string;
  reference: string;
  date: string;
  issuedAt: Date;
  screening: string;
  /** "Gjelder": the person, with the identity number. */
  concerning: string;
  /** The person a letter without its own addressees goes to. */
  defaultRecipient: string | null;
  author: { name: string; role: string };
}

const FONT_DIR = join(require.resolve('dejavu-fonts-ttf/package.json'), '..', 'ttf');
// Parsed once per process and shared by every document: pdfkit would read and parse each font again for every
// document, and that parsing was most of a document's rendering time. The parsed font is read-only; each document
// still embeds its own subset.
const font = (file: string) => fontkit.create(readFileSync(join(FONT_DIR, file))) as unknown as PDFKit.Mixins.PDFFontSource;
const FONTS = {
  regular: font('DejaVuSans.ttf'),
  bold: font('DejaVuSans-Bold.ttf'),
  italic: font('DejaVuSans-Oblique.ttf'),
};
const SIZE = { body: 10, small: 8, h1: 15, h2: 11.5, org: 16 };
const MARGIN = { top: 56, left: 62, right: 62, bottom: 72 };
const INK = '#1a1a1a';
const MUTED = '#555555';
const RULE = '#b8b8b8';
const HEADER_FILL = '#ececec';
const CELL_PAD = 4;

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

/** Strips what pdfkit would copy unescaped into the XMP packet (it interpolates Title/Author as raw XML). */
const xmpSafe = (s: string) => s.replace(/&/g, 'og').replace(/[<>]/g, '');

export function drawDocument(frame: DocumentFrame, body: DocumentBody): Promise<Buffer> {
  const title = xmpSafe(frame.title);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    tagged: true,
    lang: 'nb-NO',
    displayTitle: true,
    bufferPages: true,
    // Typed as a path, but pdfkit opens any font source here, as registerFont does.
    font: FONTS.regular as unknown as string,
    info: {
      Title: title,
      Author: xmpSafe(frame.author.name),
      Subject: xmpSafe(`${frame.organisation}, ${frame.unit}`),
      Creator: 'ke-ip-case-engine',
      Producer: 'PDFKit',
      CreationDate: frame.issuedAt,
      ModDate: frame.issuedAt,
    },
  });
  // pdfkit writes xmp:CreateDate but not the ModifyDate that PDF/A requires to match the Info dictionary's ModDate.
  doc.appendXML(`
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:ModifyDate>${frame.issuedAt.toISOString().split('.')[0]}Z</xmp:ModifyDate>
        </rdf:Description>`);
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  doc.registerFont('italic', FONTS.italic);

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const root = doc.struct('Document');
  doc.addStructure(root);
  letterhead(doc, root, frame, body);
  for (const block of body.blocks) drawBlock(doc, root, block);
  closing(doc, root, frame, body);
  root.end();
  footers(doc, frame);
  doc.end();
  return done;
}

const width = (doc: Doc) => doc.page.width - MARGIN.left - MARGIN.right;

/** Starts a new page when less than `needed` points are left (so a heading is never alone at the bottom). */
function ensureSpace(doc: Doc, needed: number) {
  if (doc.y + needed > doc.page.height - MARGIN.bottom) doc.addPage();
}

function para(doc: Doc, parent: Struct, type: string, font: string, size: number, value: string, color = INK, gapAfter = 6) {
  parent.add(doc.struct(type, {}, () => {
    doc.font(font).fontSize(size).fillColor(color).text(value, MARGIN.left, doc.y, { width: width(doc), lineGap: 1.5 });
  }));
  doc.y += gapAfter;
}

function letterhead(doc: Doc, root: Struct, f: DocumentFrame, body: DocumentBody) {
  const top = MARGIN.top;
  const rightX = MARGIN.left + width(doc) - 170;
  root.add(doc.struct('Sect', {}, [
    doc.struct('P', {}, () => {
      doc.font('bold').fontSize(SIZE.org).fillColor(INK).text(f.organisation, MARGIN.left, top, { width: 280 });
      doc.font('regular').fontSize(SIZE.body).fillColor(MUTED).text(f.unit, MARGIN.left, doc.y + 1, { width: 280 });
    }),
    doc.struct('P', {}, () => {
      doc.font('regular').fontSize(SIZE.small).fillColor(MUTED);
      const rows: [string, string][] = [['Vår ref.', f.reference], ['Dato', f.date]];
      rows.forEach(([k, v], i) => {
        doc.text(k, rightX, top + 4 + i * 12, { width: 55, lineBreak: false });
        doc.fillColor(INK).text(v, rightX + 55, top + 4 + i * 12, { width: 115 }).fillColor(MUTED);
      });
    }),
  ]));
  doc.y = top + 52;
  doc.save().moveTo(MARGIN.left, doc.y).lineTo(MARGIN.left + width(doc), doc.y).lineWidth(0.6).strokeColor(RULE).stroke().restore();
  doc.y += 8;
  para(doc, root, 'P', 'italic', SIZE.small, f.screening, MUTED, 14);

  const to = body.to?.length ? body.to : body.form === 'letter' && f.defaultRecipient ? [f.defaultRecipient] : [];
  if (to.length) {
    para(doc, root, 'P', 'regular', SIZE.body, to.join('\n'), INK, 16);
  }
  labelled(doc, root, 'Gjelder', f.concerning);
  doc.y += 10;
  para(doc, root, 'H1', 'bold', SIZE.h1, f.title, INK, 8);
}

/** "Label: text" on one line, the label bold. */
function labelled(doc: Doc, parent: Struct, label: string, value: string) {
  parent.add(doc.struct('P', {}, () => {
    doc.font('bold').fontSize(SIZE.body).fillColor(INK).text(`${label}: `, MARGIN.left, doc.y, { width: width(doc), continued: true });
    doc.font('regular').text(value);
  }));
  doc.y += 4;
}

function drawBlock(doc: Doc, root: Struct, block: Block) {
  switch (block.type) {
    case 'heading':
      ensureSpace(doc, 60);
      if (block.level === 3) {
        para(doc, root, 'H3', 'bold', SIZE.body, block.text, INK, 2);
        return;
      }
      doc.y += 6;
      para(doc, root, 'H2', 'bold', SIZE.h2, block.text, INK, 4);
      return;
    case 'paragraph':
      ensureSpace(doc, 30);
      para(doc, root, 'P', 'regular', SIZE.body, block.text);
      return;
    case 'bullets': {
      const list = doc.struct('L');
      root.add(list);
      for (const item of block.items) {
        ensureSpace(doc, 16);
        list.add(doc.struct('LI', {}, [doc.struct('LBody', {}, () => {
          doc.font('regular').fontSize(SIZE.body).fillColor(INK);
          const y = doc.y;
          doc.text('•', MARGIN.left + 6, y, { width: 10, lineBreak: false });
          doc.text(item, MARGIN.left + 20, y, { width: width(doc) - 20, lineGap: 1.5 });
        })]));
        doc.y += 2;
      }
      list.end();
      doc.y += 4;
      return;
    }
    case 'fields':
      grid(doc, root, null, block.rows, [0.3, 0.7], false);
      doc.y += 6;
      return;
    case 'table': {
      const rows = block.rows.length ? block.rows : [[block.empty, ...block.columns.slice(1).map(() => '')]];
      grid(doc, root, block.columns, rows, columnWeights(block.columns.length), true);
      doc.y += 8;
      return;
    }
  }
}

const columnWeights = (n: number) => (n === 2 ? [0.3, 0.7] : n === 3 ? [0.5, 0.3, 0.2] : n === 4 ? [0.34, 0.16, 0.32, 0.18] : Array(n).fill(1 / n));

/** Rows of cells; a header row (repeated after a page break) and rules when `ruled`, else label → text pairs. */
function grid(doc: Doc, root: Struct, header: string[] | null, rows: string[][], weights: number[], ruled: boolean) {
  const total = width(doc);
  const widths = weights.map((w) => w * total);
  const table = doc.struct('Table');
  root.add(table);
  const height = (cells: string[], bold: (i: number) => boolean) =>
    Math.max(...cells.map((c, i) => doc.font(bold(i) ? 'bold' : 'regular').fontSize(SIZE.body).heightOfString(c || ' ', { width: widths[i] - 2 * CELL_PAD, lineGap: 1 }))) + 2 * CELL_PAD;

  const drawRow = (cells: string[], isHeader: boolean) => {
    const bold = (i: number) => isHeader || (!ruled && i === 0);
    const h = height(cells, bold);
    if (doc.y + h > doc.page.height - MARGIN.bottom) {
      doc.addPage();
      if (header && !isHeader) drawRow(header, true);
    }
    const y = doc.y;
    const tr = doc.struct('TR');
    table.add(tr);
    if (ruled) {
      doc.save();
      if (isHeader) doc.rect(MARGIN.left, y, total, h).fill(HEADER_FILL);
      doc.moveTo(MARGIN.left, y + h).lineTo(MARGIN.left + total, y + h).lineWidth(0.5).strokeColor(RULE).stroke();
      doc.restore();
    }
    let x = MARGIN.left;
    cells.forEach((c, i) => {
      tr.add(doc.struct(isHeader || (!ruled && i === 0) ? 'TH' : 'TD', {}, () => {
        doc.font(bold(i) ? 'bold' : 'regular').fontSize(SIZE.body).fillColor(INK)
          .text(c, x + (ruled || i > 0 ? CELL_PAD : 0), y + CELL_PAD, { width: widths[i] - 2 * CELL_PAD, lineGap: 1 });
      }));
      x += widths[i];
    });
    tr.end();
    doc.x = MARGIN.left;
    doc.y = y + h;
  };
  if (header) {
    ensureSpace(doc, 60);
    drawRow(header, true);
  }
  rows.forEach((r) => drawRow(r, false));
  table.end();
}

function closing(doc: Doc, root: Struct, f: DocumentFrame, body: DocumentBody) {
  ensureSpace(doc, 110);
  doc.y += 10;
  if (body.form === 'letter') {
    para(doc, root, 'P', 'regular', SIZE.body, 'Med hilsen', INK, 14);
    para(doc, root, 'P', 'regular', SIZE.body, `${f.author.name}\n${f.author.role}\n${f.unit}, ${f.organisation}`, INK, 10);
    para(doc, root, 'P', 'italic', SIZE.small, 'Dokumentet er godkjent elektronisk og har derfor ingen håndskrevet signatur.', MUTED, 8);
  } else {
    labelled(doc, root, 'Ført av', `${f.author.name}, ${f.author.role}`);
    labelled(doc, root, 'Dato', f.date);
  }
  if (body.copyTo?.length) labelled(doc, root, 'Kopi til', body.copyTo.join(', '));
}

/** "Organisation · unit · ref. | Side n av N" on every page, as an artifact outside the structure tree. */
function footers(doc: Doc, f: DocumentFrame) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Drawing below the bottom margin would make pdfkit open a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN.bottom + 28;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.save().moveTo(MARGIN.left, y - 6).lineTo(MARGIN.left + width(doc), y - 6).lineWidth(0.5).strokeColor(RULE).stroke().restore();
    doc.font('regular').fontSize(SIZE.small).fillColor(MUTED)
      .text(`${f.organisation} · ${f.unit} · Saksnr. ${f.reference}`, MARGIN.left, y, { width: width(doc) - 80, lineBreak: false })
      .text(`Side ${i - range.start + 1} av ${range.count}`, MARGIN.left + width(doc) - 80, y, { width: 80, align: 'right', lineBreak: false });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
}
