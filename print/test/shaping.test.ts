import { defaultRunbook } from '@runbook/core';
import { describe, expect, it } from 'vitest';
import { renderPdfSync } from '../src/index.ts';
import { loadShaping, type PackedShaping, saveShaping } from '../src/shaping.ts';

const runbook = defaultRunbook();
const now = new Date('2025-06-01T00:00:00Z');
const render = (lang: 'fr' | 'en') => renderPdfSync(runbook, lang, { now }).pdf;

describe('word shaping kept from one run to the next', () => {
  it('gives the same bytes from loaded runs as from fontkit, and shapes nothing again', () => {
    loadShaping({});
    const fr = render('fr');
    const en = render('en');
    const saved = saveShaping();
    expect(Object.keys(saved?.DejaVuSans?.words ?? {}).length).toBeGreaterThan(1000);
    // A later process: what this one saved, through a file.
    loadShaping(JSON.parse(JSON.stringify(saved)) as PackedShaping);
    expect(render('fr').equals(fr)).toBe(true);
    expect(render('en').equals(en)).toBe(true);
    expect(saveShaping()).toBeUndefined();
  });

  it('uses the loaded runs, and shapes again a word whose entry it cannot read', () => {
    loadShaping({});
    const en = render('en');
    const data = saveShaping()!;
    const sans = data.DejaVuSans!;
    // Every glyph moved a little: a document drawn from these runs differs.
    const moved: PackedShaping = {
      ...data,
      DejaVuSans: {
        ...sans,
        glyphs: sans.glyphs.map((g) => g.replace(/^(\d+) (\S+)/, (_, id, x) => `${id} ${Number(x) + 1}`)),
      },
    };
    loadShaping(moved);
    expect(render('en').equals(en)).toBe(false);
    // Words in another form (a file of another version) are shaped by fontkit again, to the same bytes.
    const foreign = Object.fromEntries(Object.keys(sans.words).map((w) => [w, 'x']));
    loadShaping({
      ...data,
      DejaVuSans: { glyphs: sans.glyphs, words: foreign as unknown as Record<string, number[]> },
    });
    expect(render('en').equals(en)).toBe(true);
    // Saved again, readable this time.
    expect(saveShaping()?.DejaVuSans?.words).toEqual(sans.words);
    // A file holding no object of fonts at all: everything is shaped again.
    loadShaping(JSON.parse('null') as PackedShaping);
    expect(render('en').equals(en)).toBe(true);
  });
});
