import { defaultRunbook } from '@runbook/core';
import { describe, expect, it } from 'vitest';
import { CONTINUATION, renderPdf, wrapCode } from '../src/index.ts';
import { pdfText, toFile } from './_pdf.ts';

describe('wrapCode', () => {
  const samples = [
    'kubectl patch service marketplace-api-service -n topsteel-marketplace -p \'{"spec":{"selector":{"version":"blue"}}}\'',
    'x'.repeat(250),
    `a  b   c ${'y'.repeat(90)} d`,
    'BEGIN;\nDROP TABLE IF EXISTS marketplace_new_feature;\nCOMMIT;',
  ];

  it.each(samples)('loses no character and respects the width: %s', (code) => {
    for (const columns of [20, 41, 78]) {
      const lines = wrapCode(code, columns);
      expect(lines.map((l) => `${l.text}${l.continued ? '' : '\n'}`).join('')).toBe(`${code}\n`);
      for (const line of lines) {
        const width = line.text.length + (line.continued ? 1 : 0) + (line.continuation ? 2 : 0);
        expect(width).toBeLessThanOrEqual(columns);
        // A continuation line never starts with an invisible space.
        if (line.continuation) expect(line.text.startsWith(' ')).toBe(false);
      }
    }
  });

  it('leaves short lines alone', () => {
    expect(wrapCode('pnpm runbook verify', 78)).toEqual([
      { text: 'pnpm runbook verify', continued: false, continuation: false },
    ]);
  });
});

describe('a long command in the PDF', () => {
  it('wraps with the marker and keeps every character', async () => {
    const long =
      "kubectl annotate deployment marketplace-api -n topsteel-marketplace rollback.topsteel.com/reason='Taux d’erreur élevé à 14h05, décision prise : ça repart' " +
      `--overwrite ${'0123456789abcdef'.repeat(8)} && echo "done"`;
    const runbook = structuredClone(defaultRunbook());
    runbook.procedures[0]!.steps[0]!.commands.push({ lang: 'bash', code: long });
    const text = pdfText(toFile(await renderPdf(runbook, 'fr', { now: new Date('2025-06-01T00:00:00Z') })));
    const lines = text.split('\n');
    const start = lines.findIndex((l) => l.startsWith('kubectl annotate'));
    expect(start).toBeGreaterThan(-1);
    const block: string[] = [];
    for (let i = start; ; i++) {
      block.push(lines[i]!);
      if (!lines[i]!.trimEnd().endsWith(CONTINUATION)) break;
    }
    expect(block.length).toBeGreaterThanOrEqual(3);
    // Read it back as a person is told to: drop the marker, keep a space that stands before it, join.
    const joined = block
      .map((l, i) => (i === 0 ? l : l.trimStart()))
      .map((l) => l.trimEnd())
      .map((l) =>
        l.endsWith(` ${CONTINUATION}`) ? `${l.slice(0, -2)} ` : l.replace(new RegExp(`${CONTINUATION}$`), ''),
      )
      .join('');
    expect(joined).toBe(long);
  });
});
