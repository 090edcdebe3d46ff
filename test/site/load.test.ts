/** The runbook is read once per build: the footer asks for it on every page. */
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentHash, defaultRunbook } from '@runbook/core';
import { describe, expect, it } from 'vitest';
import { buildFacts } from '../../site/src/build/context.ts';
import { loadRunbook } from '../../site/src/build/load.ts';

describe('site build input', () => {
  it('parses a runbook file once until the file changes', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'runbook-load-')), 'runbook.json');
    const runbook = defaultRunbook();
    writeFileSync(file, JSON.stringify(runbook));
    const first = loadRunbook({ RUNBOOK_FILE: file });
    expect(loadRunbook({ RUNBOOK_FILE: file })).toBe(first);
    const changed = structuredClone(runbook);
    changed.meta.version = `${runbook.meta.version}-next`;
    writeFileSync(file, JSON.stringify(changed));
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    const second = loadRunbook({ RUNBOOK_FILE: file });
    expect(second).not.toBe(first);
    expect(second.meta.version).toBe(changed.meta.version);
  });

  it('computes the hash and review status once per runbook and build date', () => {
    const runbook = defaultRunbook();
    const now = new Date('2026-01-01T00:00:00Z');
    const facts = buildFacts({ runbook, now });
    expect(facts.hash).toBe(contentHash(runbook));
    expect(buildFacts({ runbook, now: new Date(now) })).toBe(facts);
    const later = buildFacts({ runbook, now: new Date('2099-01-01T00:00:00Z') });
    expect(later).not.toBe(facts);
    expect(later.overdue).toBe(true);
  });
});
