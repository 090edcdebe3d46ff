import { defaultRunbook, type Runbook } from '@runbook/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTINUATION, renderPdf, wrapCode } from '../src/index.ts';
import { pdfText, toFile } from './_pdf.ts';

/** Every command a reader may retype from the printout. */
function commands(runbook: Runbook): string[] {
  return [
    ...runbook.procedures.flatMap((p) => [
      p.runbook,
      ...p.steps.flatMap((s) => [...(s.runbook ? [s.runbook] : []), ...s.commands.map((c) => c.code)]),
    ]),
    ...runbook.quickCommands.flatMap((q) => [q.runbook, q.manual]),
  ].flatMap((code) => code.split('\n'));
}

/** A flag that is waiting for its value (`-n`, `--to`), or a redirection waiting for its file. */
const FLAG = /^(-[A-Za-z]|--to|>|>>)$/;

/** What is wrong with cutting `line` after `piece` (its first characters), or null when the cut reads right. */
function badCut(line: string, piece: string): string | null {
  const before = piece.at(-1)!;
  const after = line[piece.length]!;
  if (before === ' ') {
    const word = piece.trimEnd().split(' ').at(-1)!;
    const next = line.slice(piece.length).split(' ')[0]!;
    if (FLAG.test(word) && !/^[-+]/.test(next)) return `flag ${word} cut from its value`;
    // A space inside `{" "}` or any short quoted string.
    const open = piece.split('"').length - 1;
    if (open % 2 === 1 && /^[^"]{0,3}"/.test(line.slice(piece.length))) return 'inside a short quoted string';
    return null;
  }
  if (/[A-Za-z0-9_.-]/.test(before) && /[A-Za-z0-9_.-]/.test(after))
    return `inside a word: ${before}|${after}`;
  return null;
}

describe('wrapCode cuts where the pieces still read right', () => {
  const lines = commands(defaultRunbook());

  it.each([55, 64, 77, 80])('at %i columns, no cut inside a word, a flag or {" "}', (columns) => {
    const problems: string[] = [];
    for (const line of lines) {
      if (line.length <= columns) continue;
      let done = '';
      for (const piece of wrapCode(line, columns)) {
        done += piece.text;
        if (!piece.continued) break;
        const problem = badCut(line, done);
        if (problem) problems.push(`${problem}: ${done}${CONTINUATION}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps the jsonpath separator {" "} and --timeout=10s whole, and -n with its namespace', () => {
    const jsonpath = lines.find((l) => l.includes('{" "}'))!;
    const rollout = lines.find((l) => l.includes('rollout status deployment/marketplace-api-blue'))!;
    for (const columns of [40, 64, 77]) {
      expect(wrapCode(jsonpath, columns).some((p) => p.text.includes('{" "}'))).toBe(true);
      const pieces = wrapCode(rollout, columns).map((p) => p.text.trim());
      expect(pieces.some((p) => p.includes('--timeout=10s'))).toBe(true);
      expect(pieces.some((p) => p.includes('-n topsteel-marketplace'))).toBe(true);
    }
  });

  it('still cuts a word too long for any line, rather than overflow', () => {
    const long = `curl ${'a'.repeat(120)}`;
    const pieces = wrapCode(long, 40);
    expect(pieces.map((p) => p.text).join('')).toBe(long);
    for (const p of pieces)
      expect(p.text.length + (p.continued ? 1 : 0) + (p.continuation ? 2 : 0)).toBeLessThanOrEqual(40);
  });
});

describe('the printed commands', () => {
  let wrapped: string[] = [];
  beforeAll(async () => {
    const text = pdfText(
      toFile(await renderPdf(defaultRunbook(), 'fr', { now: new Date('2025-06-01T00:00:00Z') })),
    );
    wrapped = text
      .split('\n')
      .filter((l) => l.trimEnd().endsWith(CONTINUATION) && !l.includes('↩ ') && l.length > 2);
  });

  it('are wrapped somewhere (the check below is not vacuous)', () => {
    expect(wrapped.length).toBeGreaterThan(10);
  });

  it('never end a line inside {" "}, after a bare flag, or mid-word', () => {
    const bad = wrapped.filter((line) => {
      const body = line.trimEnd().slice(0, -CONTINUATION.length);
      if (body.endsWith('{" ') || body.endsWith('{"')) return true;
      if (body.endsWith(' ')) return /\s-{1,2}[A-Za-z][A-Za-z0-9-]*\s$/.test(body);
      return /[A-Za-z0-9_-]$/.test(body);
    });
    expect(bad).toEqual([]);
  });
});
