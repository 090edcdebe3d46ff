import { defaultRunbook } from '@runbook/core';
import { describe, expect, it } from 'vitest';
import { renderPdfSync } from '../src/index.ts';
import { createDocument, type FontName, heightOf, setFont } from '../src/layout.ts';

const info = { title: 't', keywords: 'k', subject: 's', date: new Date(0), lang: 'en' } as const;
const texts = ['Rollback', 'Rollback immédiat blue-green, puis vérifier que le trafic revient', 'Seuil'];
const styles: Array<[FontName, number]> = [
  ['sans', 10.5],
  ['bold', 10.5],
  ['bold', 20],
  ['mono', 10],
];

describe('measuring text', () => {
  it('gives the height pdfkit gives, whatever font, size and width were measured before', () => {
    const remembered = createDocument(info);
    const fresh = createDocument(info);
    // Just wide enough for the long text on one line in the regular font, so that bold wraps it: a height
    // remembered without the font would be wrong for one of them.
    setFont(fresh, 'sans', 10.5);
    const tight = fresh.widthOfString(texts[1]!) + 1;
    // Each text in each style and width, twice over, so that a remembered height answers the second round.
    for (const round of [1, 2])
      for (const [font, size] of styles)
        for (const width of [60, tight, 480])
          for (const text of texts) {
            setFont(remembered, font, size);
            setFont(fresh, font, size);
            const expected = fresh.heightOfString(text, { width });
            expect(heightOf(remembered, text, width), `${round} ${font} ${size} ${width} ${text}`).toBe(
              expected,
            );
          }
  });

  it('gives the same bytes for a document whether or not another one was rendered before in the process', () => {
    const runbook = defaultRunbook();
    const now = new Date('2025-06-01T00:00:00Z');
    const first = renderPdfSync(runbook, 'en', { now }).pdf;
    renderPdfSync(runbook, 'fr', { now });
    expect(renderPdfSync(runbook, 'en', { now }).pdf.equals(first)).toBe(true);
  });
});
