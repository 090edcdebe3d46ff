import { createRequire } from 'node:module';
import { t } from '@runbook/core';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);

/**
 * The benchmark's yardstick: one A4 page of text in the same DejaVu faces, fonts loaded from disk, no
 * layout of ours. Lives here because pdfkit and the fonts resolve from this package only.
 */
export function barePdf(): Buffer {
  const doc = new PDFDocument({ size: 'A4', info: { CreationDate: new Date(0) } });
  for (const [name, file] of [
    ['sans', 'DejaVuSans.ttf'],
    ['bold', 'DejaVuSans-Bold.ttf'],
    ['mono', 'DejaVuSansMono.ttf'],
  ] as const) {
    doc.registerFont(name, require.resolve(`dejavu-fonts-ttf/ttf/${file}`));
  }
  doc.font('bold').fontSize(15).text(t('quickReference', 'fr'));
  for (let i = 0; i < 12; i++) {
    doc
      .font(i % 3 === 2 ? 'mono' : 'sans')
      .fontSize(10.5)
      .text(t('continuationLegend', 'fr'));
  }
  doc.end();
  const chunks: Buffer[] = [];
  for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null)
    chunks.push(chunk);
  return Buffer.concat(chunks);
}
