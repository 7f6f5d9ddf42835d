// Text extraction inside workerd: PDF via unpdf (per page), DOCX via DecompressionStream, plain text.
import { describe, expect, it } from 'vitest';
import { documentFromBytes, documentFromText, UnsupportedDocumentError } from '../../src/modules/ai/text';
import { buildDocx } from '../fixtures/ai/docx';
import { buildPdf, left } from '../fixtures/ai/pdf';
import { DOCX, pngBytes, zipBytes } from '../fixtures/files';

const encode = (text: string) => new TextEncoder().encode(text);

describe('documentFromBytes', () => {
  it('keeps the text of each PDF page, in reading order, with columns separated by tabs', async () => {
    const bytes = await buildPdf([
      // Drawn bottom line first and right column first: lines come out by position, not drawing order.
      [
        [
          { x: 50, y: 500, text: 'Seite eins' },
          { x: 300, y: 520, text: '1.190,00 €' },
          { x: 50, y: 520, text: 'Gesamtbetrag' },
        ],
      ],
      [left('Page two says hello')],
    ]);
    const doc = await documentFromBytes(bytes, 'application/pdf');
    expect(doc.format).toBe('pdf');
    expect(doc.pages).toEqual(['Gesamtbetrag\t1.190,00 €\nSeite eins', 'Page two says hello']);
    expect(doc.text).toBe(doc.pages.join('\f'));
  });

  it('leaves the caller’s PDF bytes intact', async () => {
    const bytes = await buildPdf([[left('Rechnung')]]);
    const copy = bytes.slice();
    await documentFromBytes(bytes, 'application/pdf');
    expect(bytes).toEqual(copy);
  });

  it('reads a deflated DOCX: paragraphs as lines, tabs, table rows, entities, header and footer', async () => {
    const bytes = await buildDocx(
      ['Angebot für Müller & Söhne <GmbH>', 'Betrag:\t1.000,00 €', { table: [['a', 'b']] }],
      {
        header: ['Kopfzeile'],
        footer: ['Fußzeile'],
      },
    );
    const doc = await documentFromBytes(bytes, DOCX);
    expect(doc.format).toBe('docx');
    expect(doc.pages).toEqual([
      'Kopfzeile\n\nAngebot für Müller & Söhne <GmbH>\nBetrag:\t1.000,00 €\na\tb\n\nFußzeile',
    ]);
  });

  it('reads a DOCX with stored entries, ignoring tab stops, field codes and deleted text', async () => {
    const xml =
      '<w:document xmlns:w="x"><w:body><w:p><w:pPr><w:tabs><w:tab w:pos="1"/></w:tabs></w:pPr>' +
      '<w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t>Los&#160;1</w:t></w:r><w:r><w:tab/></w:r>' +
      '<w:del><w:r><w:delText>alt</w:delText></w:r></w:del><w:r><w:t xml:space="preserve">Netz &amp; Server</w:t></w:r></w:p></w:body></w:document>';
    const doc = await documentFromBytes(zipBytes({ 'word/document.xml': xml }), 'application/octet-stream');
    expect(doc).toMatchObject({ format: 'docx', text: 'Los\u00a01\tNetz & Server' });
  });

  it('reads plain text as is, with CRLF line ends and a BOM normalised', async () => {
    const doc = await documentFromBytes(
      encode('\uFEFFRechnung\r\nBetrag: 5,00 €\r\n'),
      'text/plain; charset=utf-8',
    );
    expect(doc).toEqual({
      format: 'text',
      text: 'Rechnung\nBetrag: 5,00 €',
      pages: ['Rechnung\nBetrag: 5,00 €'],
      language: 'unknown',
    });
  });

  it('trusts the bytes over a generic type: a PDF or text sent as application/octet-stream', async () => {
    const pdf = await buildPdf([[left('Invoice')]]);
    expect((await documentFromBytes(pdf, 'application/octet-stream')).format).toBe('pdf');
    expect((await documentFromBytes(encode('hello'), 'application/octet-stream')).format).toBe('text');
  });

  it('refuses what it cannot read with an UnsupportedDocumentError', async () => {
    await expect(documentFromBytes(encode('not a pdf'), 'application/pdf')).rejects.toBeInstanceOf(
      UnsupportedDocumentError,
    );
  });

  it('hands an image on without text, saying why, when no OCR is given', async () => {
    for (const type of ['image/png', 'application/octet-stream']) {
      const doc = await documentFromBytes(pngBytes(), type);
      expect(doc).toMatchObject({
        format: 'image',
        text: '',
        unreadable: 'no text layer; OCR not configured',
      });
    }
  });
});

describe('documentFromText', () => {
  it('detects German and English, and says unknown when unsure', () => {
    expect(
      documentFromText('Die Rechnung ist bis zum 1. April zu zahlen und wird per Lastschrift eingezogen.')
        .language,
    ).toBe('de');
    expect(
      documentFromText('The invoice is payable by the end of the month and will be collected by the bank.')
        .language,
    ).toBe('en');
    expect(documentFromText('INV-1 1.000,00 EUR').language).toBe('unknown');
  });
});
