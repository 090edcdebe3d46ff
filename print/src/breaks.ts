/**
 * Where a command line may be cut when it does not fit. A reader retypes the pieces from paper, so a cut
 * must not change how the command reads: never inside a quoted string's space (`{" "}` cut there looks
 * like `{"`), never inside a word or a flag (`--ti` / `meout=10s`), never between a flag and its value.
 */

/** How good a cut is; lower is better. */
export const Cut = {
  /** After a space outside quotes, not after a flag waiting for its value. */
  Space: 0,
  /** After a space that follows a flag or a redirection (`-n ↩ shop`): allowed, not liked. */
  AfterFlag: 1,
  /** Inside a word, after punctuation that ends a piece (`}`, `/`, `,`, `;`, `=`, `:`), never in a flag name. */
  Punctuation: 2,
  /** After a space inside quotes: the space is real, but the line then looks cut short. */
  QuotedSpace: 3,
  /** After a space inside `$( )` or between words of a quoted command: reads best whole, but reads right. */
  SubstSpace: 4,
} as const;
export type Cut = (typeof Cut)[keyof typeof Cut];

const PUNCTUATION = new Set(['}', ')', ']', '/', ',', ';', '=', ':']);
/** Words that read as unfinished without the next one. */
const WANTS_NEXT = /^(-{1,2}[A-Za-z][A-Za-z0-9-]*|--|[0-9]?>{1,2}|<|-[a-zA-Z]{2,})$/;

/** Where a character sits: in the open, inside a `$( )` substitution, or inside quotes. */
export type Nesting = 0 | 1 | 2;

/** For each character of `line`, its nesting (delimiters included): a space inside quotes is part of a word. */
export function quoted(line: string): Nesting[] {
  const inside: Nesting[] = [];
  let quote: string | null = null;
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote !== null) {
      inside.push(2);
      if (ch === '\\' && quote === '"' && i + 1 < line.length) {
        inside.push(2);
        i++;
      } else if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '$' && line[i + 1] === '(') depth++;
    else if (ch === ')' && depth > 0) {
      depth--;
      inside.push(1);
      continue;
    }
    inside.push(quote !== null ? 2 : depth > 0 ? 1 : 0);
  }
  return inside;
}

/** The word ending at `end` (exclusive), spaces before it excluded. */
function wordBefore(line: string, end: number): string {
  let start = end;
  while (start > 0 && line[start - 1] !== ' ') start--;
  return line.slice(start, end);
}

/** Whether position `i` is inside the name of a flag (`--time|out=10s`), up to and including its `=`. */
function inFlagName(line: string, i: number): boolean {
  let start = i;
  while (start > 0 && line[start - 1] !== ' ') start--;
  const word = line.slice(start, i);
  return word.startsWith('-') && !word.slice(0, -1).includes('=') && !word.endsWith('=');
}

/**
 * The kind of cut possible before position `c` of `line` (the piece before ends at `c - 1`), or null
 * when cutting there would mislead. A cut never leaves a space at the start of the next piece.
 */
export function cutKind(line: string, c: number, inside: readonly Nesting[] = quoted(line)): Cut | null {
  if (c <= 0 || c >= line.length || line[c] === ' ') return null;
  const before = line[c - 1]!;
  if (before === ' ') {
    if (inside[c - 1] === 2) {
      // `{" "}` cut at its space reads as `{"`; a space between two words of a quoted command does not.
      const byQuote = /["']/.test(line[c - 2] ?? '') || /["']/.test(line[c] ?? '');
      return byQuote ? Cut.QuotedSpace : Cut.SubstSpace;
    }
    let end = c - 1;
    while (end > 0 && line[end - 1] === ' ') end--;
    if (WANTS_NEXT.test(wordBefore(line, end))) return Cut.AfterFlag;
    return inside[c - 1] === 1 ? Cut.SubstSpace : Cut.Space;
  }
  if (PUNCTUATION.has(before) && !inFlagName(line, c)) {
    // `=` only ends a piece when a flag or a variable name stands before it, not in `a==b`.
    if (before === '=' && line[c] === '=') return null;
    // A URL is copied from paper as one piece.
    if (before === '/' && wordBefore(line, c).includes('://')) return null;
    return Cut.Punctuation;
  }
  return null;
}

/**
 * Where to cut `line` (from `from`) so that the piece is at most `max` characters. A plain space is worth
 * a shorter line (down to a quarter full); punctuation or a space after a flag only when the line stays
 * half full; then any of these anywhere; then a space inside quotes; a hard cut at `max` last.
 */
export function chooseCut(line: string, from: number, max: number, inside: readonly Nesting[]): number {
  const limit = Math.min(from + max, line.length - 1);
  const best: Array<number | undefined> = [];
  for (let c = limit; c > from; c--) {
    const kind = cutKind(line, c, inside);
    if (kind !== null && best[kind] === undefined) best[kind] = c;
  }
  const at = (kind: Cut, fill: number) => {
    const c = best[kind];
    return c !== undefined && c - from >= max * fill ? c : undefined;
  };
  const cut =
    at(Cut.Space, 0.25) ??
    at(Cut.Punctuation, 0.5) ??
    at(Cut.SubstSpace, 0.5) ??
    at(Cut.AfterFlag, 0.5) ??
    at(Cut.Space, 0) ??
    at(Cut.Punctuation, 0) ??
    at(Cut.SubstSpace, 0) ??
    at(Cut.AfterFlag, 0) ??
    at(Cut.QuotedSpace, 0);
  if (cut !== undefined) return cut;
  let c = from + max;
  // A hard cut still never starts the next piece with an invisible space.
  while (c > from + 1 && line[c] === ' ') c--;
  return c;
}
