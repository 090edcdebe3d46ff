import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultRunbook } from '@runbook/core';
import { expect, it } from 'vitest';
import { renderPdf } from '../src/index.ts';
import { toFile } from './_pdf.ts';

/** The TopSteel runbook's languages, French first. */
const LANGS = defaultRunbook().meta.languages;

const artifacts = new URL('../../artifacts', import.meta.url).pathname;

it.each(LANGS)('renders page 1 (%s) to a PNG for people to look at', async (lang) => {
  mkdirSync(artifacts, { recursive: true });
  const prefix = join(artifacts, `print-page1-${lang}`);
  const pdf = await renderPdf(defaultRunbook(), lang);
  execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '100', '-png', '-singlefile', toFile(pdf), prefix]);
  const png = readFileSync(`${prefix}.png`);
  // A4 at 100 dpi, give or take poppler's rounding: 827 × 1169.
  expect(Math.abs(png.readUInt32BE(16) - 827)).toBeLessThanOrEqual(1);
  expect(Math.abs(png.readUInt32BE(20) - 1169)).toBeLessThanOrEqual(1);
});
