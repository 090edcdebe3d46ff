/**
 * Word shaping (fontkit's layout: glyph substitution, kerning) is most of what a document costs. pdfkit caches
 * each word's run per document; here that cache is shared by every document of the process, one per font, and
 * can be saved and loaded again so that the next `pnpm print` shapes only the words it has not seen.
 * A run depends on the font alone: pdfkit scales it to 1000 units per em, the same for every document.
 */

/** A word's run as pdfkit reads it (EmbeddedFont.layout and encode): nothing else of fontkit's objects. */
interface Run {
  glyphs: Array<{ id: number; advanceWidth: number; codePoints: number[] }>;
  positions: Array<{
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
    advanceWidth: number;
  }>;
  readonly advanceWidth: number;
}

/** What pdfkit keeps of a font a document uses. */
interface UsedFont {
  font?: { postscriptName?: string };
  layoutCache?: Record<string, Run>;
}

/**
 * Per font (PostScript name): `glyphs`, each glyph once with its position as `id xAdvance yAdvance xOffset
 * yOffset glyphAdvance codePoint+codePoint…` (numbers as JavaScript writes them, which read back the same), and
 * `words`, each word's glyphs as indexes into `glyphs`. Few glyphs, many words: words are unpacked into objects
 * made once per glyph (pdfkit only reads them).
 */
export type PackedShaping = Record<string, { glyphs: string[]; words: Record<string, number[]> }>;

type Glyph = Run['glyphs'][number];
type Position = Run['positions'][number];

interface FontRuns {
  runs: Record<string, Run>;
  /** How many loaded words are in `runs`. */
  used: number;
}

const byFont = new Map<object, FontRuns>();
/** Loaded words, waiting for a document to use their font. */
let loaded: PackedShaping = {};

/** `scale` is pdfkit's for the font (1000 / units per em), applied as pdfkit applies it to a fresh run. */
function unpackGlyph(text: string, scale: number): [Glyph, Position] {
  const [id, xAdvance, yAdvance, xOffset, yOffset, glyphAdvance, codePoints] = text.split(' ');
  const glyph = {
    id: Number(id),
    advanceWidth: Number(glyphAdvance),
    codePoints: codePoints ? codePoints.split('+').map(Number) : [],
  };
  const position = {
    xAdvance: Number(xAdvance),
    yAdvance: Number(yAdvance),
    xOffset: Number(xOffset),
    yOffset: Number(yOffset),
    advanceWidth: glyph.advanceWidth * scale,
  };
  return [glyph, position];
}

function packGlyph(g: Glyph, p: Position): string {
  return `${g.id} ${p.xAdvance} ${p.yAdvance} ${p.xOffset} ${p.yOffset} ${g.advanceWidth} ${g.codePoints.join('+')}`;
}

function unpack(indexes: number[], table: Array<[Glyph, Position]>): Run | undefined {
  const glyphs: Glyph[] = [];
  const positions: Position[] = [];
  let advanceWidth = 0;
  for (const i of indexes) {
    const entry = table[i];
    if (!entry) return undefined;
    glyphs.push(entry[0]);
    positions.push(entry[1]);
    // fontkit's GlyphRun sums its positions' advances the same way, in the same order.
    advanceWidth += entry[1].xAdvance;
  }
  return { glyphs, positions, advanceWidth };
}

function runsFor(name: string, fresh: Record<string, Run>, scale: number): FontRuns {
  const font = loaded[name];
  const entry: FontRuns = { runs: fresh, used: 0 };
  if (!font || typeof font.words !== 'object' || !Array.isArray(font.glyphs)) return entry;
  const table = font.glyphs.map((g) => unpackGlyph(String(g), scale));
  // All at once: a Proxy unpacking each word when pdfkit first reads it made every read of the cache slower.
  // Anything else than a list of glyphs (a file of another version) is left for fontkit to shape again.
  for (const [word, packed] of Object.entries(font.words)) {
    const run = Array.isArray(packed) ? unpack(packed, table) : undefined;
    if (run) {
      fresh[word] = run;
      entry.used++;
    }
  }
  return entry;
}

/** Makes `doc` use the process's runs for each font it opens. */
export function shareLayouts(doc: PDFKit.PDFDocument): void {
  const font = doc.font.bind(doc);
  const internal = doc as unknown as { _font: (UsedFont & { scale?: number }) | null };
  doc.font = ((...args: Parameters<typeof doc.font>) => {
    font(...args);
    const used = internal._font;
    if (used?.font && used.layoutCache && used.scale) {
      let entry = byFont.get(used.font);
      if (!entry) {
        entry = runsFor(used.font.postscriptName ?? '', used.layoutCache, used.scale);
        byFont.set(used.font, entry);
      }
      used.layoutCache = entry.runs;
    }
    return doc;
  }) as typeof doc.font;
}

/**
 * Runs saved by a process with the same fonts, fontkit and pdfkit (the caller's to ensure), in place of the
 * ones this process knows: documents started from now on use them.
 */
export function loadShaping(data: PackedShaping): void {
  // Read from a file: anything but an object of fonts is nothing to use.
  loaded = data !== null && typeof data === 'object' && !Array.isArray(data) ? data : {};
  byFont.clear();
}

/**
 * Every word shaped or loaded in this process; undefined when this process shaped none itself (what was loaded
 * holds them all already).
 */
export function saveShaping(): PackedShaping | undefined {
  let shaped = 0;
  for (const entry of byFont.values()) shaped += Object.keys(entry.runs).length - entry.used;
  if (shaped === 0) return undefined;
  const data: PackedShaping = { ...loaded };
  for (const [font, entry] of byFont) {
    const name = (font as { postscriptName?: string }).postscriptName;
    if (!name) continue;
    const glyphs: string[] = [];
    const index = new Map<string, number>();
    const indexOf = (text: string) => {
      let i = index.get(text);
      if (i === undefined) {
        i = glyphs.push(text) - 1;
        index.set(text, i);
      }
      return i;
    };
    const words: Record<string, number[]> = {};
    for (const [word, run] of Object.entries(entry.runs))
      words[word] = run.glyphs.map((g, i) => indexOf(packGlyph(g, run.positions[i]!)));
    data[name] = { glyphs, words };
  }
  return data;
}
