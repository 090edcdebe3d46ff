/**
 * Splits a SQL script into statements the way psql does (psqlscan.l): a `;` ends a statement only outside
 * comments (nested), '…' and E'…' strings, "…" identifiers, $tag$…$tag$ bodies, parentheses, and the
 * BEGIN [ATOMIC] … END body of a CREATE FUNCTION/PROCEDURE. Standard-conforming strings are assumed (the
 * default since PostgreSQL 9.1). No npm package in the lockfile does this, and the real parser (libpg-query)
 * is a multi-megabyte WebAssembly build: too much for what is only an early, friendlier refusal, since
 * PostgreSQL itself refuses transaction commands where the file runs (see sql-file.ts).
 */

export interface SqlStatement {
  /** The source between the previous `;` and this one, comments included, without the `;`. */
  text: string;
  /** Line of its first token. */
  line: number;
  /** Its leading unquoted words, upper-cased, up to the first token that is not a word. */
  words: string[];
  /** How many tokens it has. */
  tokens: number;
}

export type SplitResult =
  | { ok: true; statements: SqlStatement[] }
  | { ok: false; line: number; problem: string };

const IDENT_START = /[A-Za-z_\u0080-\uFFFF]/;
const IDENT_CONT = /[A-Za-z0-9_$\u0080-\uFFFF]/;
const DOLLAR_DELIM = /\$(?:[A-Za-z_\u0080-\uFFFF][A-Za-z0-9_\u0080-\uFFFF]*)?\$/y;

interface Current {
  line: number;
  words: string[];
  wordsDone: boolean;
  tokens: number;
  idents: string[];
  parens: number;
  blocks: number;
}

const fresh = (): Current => ({
  line: 0,
  words: [],
  wordsDone: false,
  tokens: 0,
  idents: [],
  parens: 0,
  blocks: 0,
});

/** psql's test: only a CREATE [OR REPLACE] FUNCTION|PROCEDURE may hold BEGIN … END with `;` inside. */
function isRoutine(ids: string[]): boolean {
  const routine = (w?: string) => w === 'function' || w === 'procedure';
  return (
    ids[0] === 'create' && (routine(ids[1]) || (ids[1] === 'or' && ids[2] === 'replace' && routine(ids[3])))
  );
}

function countLines(src: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (src.charCodeAt(i) === 10) n++;
  return n;
}

/** Index just past a quoted run closed by `quote` (doubled `quote` escapes it; `\` too when `backslash`), or -1. */
function endOfQuoted(src: string, from: number, quote: string, backslash: boolean): number {
  for (let i = from; i < src.length; i++) {
    const ch = src[i];
    if (backslash && ch === '\\') i++;
    else if (ch === quote) {
      if (src[i + 1] !== quote) return i + 1;
      i++;
    }
  }
  return -1;
}

/** Index just past the comment opened at `from` (`/*`), nested as PostgreSQL nests them, or -1. */
function endOfComment(src: string, from: number): number {
  let depth = 0;
  for (let i = from; i < src.length - 1; i++) {
    if (src[i] === '/' && src[i + 1] === '*') {
      depth++;
      i++;
    } else if (src[i] === '*' && src[i + 1] === '/') {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** One token at `i` (not whitespace or a comment): where it ends, or the problem. */
function scanToken(src: string, i: number, cur: Current): number | string {
  const ch = src[i]!;
  if (ch === "'" || ch === '"') {
    const end = endOfQuoted(src, i + 1, ch, false);
    if (end !== -1) return end;
    return ch === "'" ? 'unterminated quoted string' : 'unterminated quoted identifier';
  }
  if (ch === '$') {
    DOLLAR_DELIM.lastIndex = i;
    const delim = DOLLAR_DELIM.exec(src)?.[0];
    if (!delim) return i + 1;
    const close = src.indexOf(delim, i + delim.length);
    return close === -1 ? 'unterminated dollar-quoted string' : close + delim.length;
  }
  if (IDENT_START.test(ch)) {
    let j = i + 1;
    while (j < src.length && IDENT_CONT.test(src[j]!)) j++;
    const word = src.slice(i, j);
    const lower = word.toLowerCase();
    // E'…' takes backslash escapes; B'…', X'…', N'…' and U&'…' are plain strings after a prefix.
    if (src[j] === "'" && /^[ebxn]$/.test(lower)) {
      const end = endOfQuoted(src, j + 1, "'", lower === 'e');
      return end === -1 ? 'unterminated quoted string' : end;
    }
    if (lower === 'u' && src[j] === '&' && (src[j + 1] === "'" || src[j + 1] === '"')) return j + 1;
    addWord(cur, word, lower);
    return j;
  }
  if (/[0-9]/.test(ch)) {
    let j = i + 1;
    while (j < src.length && /[0-9A-Za-z_.]/.test(src[j]!)) j++;
    return j;
  }
  if (ch === '(') cur.parens++;
  else if (ch === ')') cur.parens = Math.max(0, cur.parens - 1);
  return i + 1;
}

function addWord(cur: Current, word: string, lower: string): void {
  if (!cur.wordsDone) cur.words.push(word.toUpperCase());
  if (cur.idents.length < 4) cur.idents.push(lower);
  if (!isRoutine(cur.idents) || cur.parens > 0) return;
  if (lower === 'begin') cur.blocks++;
  else if (lower === 'case' && cur.blocks > 0) cur.blocks++;
  else if (lower === 'end' && cur.blocks > 0) cur.blocks--;
}

/** The statements of `src`, in order; statements with no token (`;;`, comments alone) are left out. */
export function splitSql(src: string): SplitResult {
  const statements: SqlStatement[] = [];
  let cur = fresh();
  let start = 0;
  let line = 1;
  let i = 0;
  const finish = (end: number) => {
    if (cur.tokens > 0)
      statements.push({ text: src.slice(start, end), line: cur.line, words: cur.words, tokens: cur.tokens });
    cur = fresh();
    start = end + 1;
  };
  while (i < src.length) {
    const ch = src[i]!;
    if (/\s/.test(ch)) {
      if (ch === '\n') line++;
      i++;
      continue;
    }
    if (ch === '-' && src[i + 1] === '-') {
      const nl = src.indexOf('\n', i);
      i = nl === -1 ? src.length : nl;
      continue;
    }
    if (ch === '/' && src[i + 1] === '*') {
      const end = endOfComment(src, i);
      if (end === -1) return { ok: false, line, problem: 'unterminated comment' };
      line += countLines(src, i, end);
      i = end;
      continue;
    }
    if (ch === ';' && cur.parens === 0 && cur.blocks === 0) {
      finish(i);
      i++;
      continue;
    }
    if (cur.tokens === 0) cur.line = line;
    cur.tokens++;
    const wordsBefore = cur.words.length;
    const end = scanToken(src, i, cur);
    if (typeof end === 'string') return { ok: false, line, problem: end };
    if (cur.words.length === wordsBefore) cur.wordsDone = true;
    line += countLines(src, i, end);
    i = end;
  }
  finish(src.length);
  return { ok: true, statements };
}
