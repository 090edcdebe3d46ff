/** `runbook drill` as a person runs it: the built CLI, the embedded sim, a local webhook, a journal. */
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { drill, summary, unfinished } from '../../../test/helpers/drill.ts';

describe('runbook drill (default scenario: emergency)', () => {
  it('exits 0 with every step ok, a post-mortem with its timeline, and two notifications', async () => {
    const r = await drill([]);
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    expect(r.records.length).toBeGreaterThan(8);
    expect(unfinished(r.records)).toEqual([]);
    const steps = r.records.filter((x) => x.outcome === 'ok').map((x) => x.step);
    expect(steps).toEqual(
      expect.arrayContaining([
        'cluster',
        'break',
        'decide',
        'emergency/switch/switch-traffic',
        'emergency/verify',
        'run',
      ]),
    );
    expect(r.records.at(-1)).toMatchObject({ step: 'run', outcome: 'ok' });

    const postmortem = await readFile(`${r.incident}/postmortem.md`, 'utf8');
    const timeline = postmortem.split('## Timeline\n')[1]?.split('\n## ')[0] ?? '';
    const lines = timeline.split('\n').filter((l) => l.startsWith('- '));
    expect(lines.length).toBeGreaterThan(8);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^- \d\d:\d\d:\d\d - emergency\/switch\/switch-traffic ok/),
      ]),
    );
    expect(postmortem).toContain('v1.2.4 → v1.2.3');

    expect(r.stdout).toContain('Notifications received by the local webhook (2):');
    expect(r.stdout).toMatch(/Rollback d’urgence lancé/);
    expect(r.stdout).toMatch(/Rollback terminé avec succès/);
    expect(r.stdout).toMatch(/emergency\/switch\/switch-traffic\s+ok/);
    expect(r.stdout).toMatch(/within target/);
    expect(r.stdout).toMatch(/drill "emergency" went as the plan says/);
  });

  it('--json prints the summary: scenario, outcome, journal, targets, notifications, notes, final state', async () => {
    const r = await drill(['--json']);
    expect(r.code).toBe(0);
    const s = summary(r);
    expect(Object.keys(s).sort()).toEqual(
      [
        'artifacts',
        'exitCode',
        'expectedExit',
        'final',
        'incident',
        'journal',
        'notes',
        'notifications',
        'ok',
        'postmortem',
        'scenario',
        'steps',
        'targets',
      ].sort(),
    );
    expect(s).toMatchObject({
      scenario: 'emergency',
      ok: true,
      exitCode: 0,
      expectedExit: 0,
      artifacts: null,
    });
    expect(s.journal).toBe(`${r.incident}/journal.jsonl`);
    expect(s.postmortem).toBe(`${r.incident}/postmortem.md`);
    expect(s.steps).toBe(r.records.length);
    expect(s.notifications).toHaveLength(2);
    const targets = s.targets as Array<{ what: string; measuredMs: number; target: string; met: boolean }>;
    expect(targets.map((t) => t.target)).toEqual(['5s – 30s', '30s – 2m']);
    for (const t of targets) expect(t).toMatchObject({ met: true, measuredMs: expect.any(Number) });
    expect(s.final?.selectors['marketplace-api-service']).toEqual({
      app: 'marketplace-api',
      version: 'blue',
    });
    expect(s.final?.selectors['marketplace-web-service']).toEqual({
      app: 'marketplace-web',
      version: 'blue',
    });
    // The summary is the only thing on stdout.
    expect(r.stdout.trim().startsWith('{')).toBe(true);
  });

  it.each([
    [
      ['--scenario', 'nope'],
      'error: --scenario: expected one of emergency, native, version, database, blue-not-ready, multi-cluster, got "nope"\n',
    ],
    [['--window', '0'], 'error: --window: expected whole seconds from 1 to 600, got "0"\n'],
    [['--error-rate', '2'], 'error: --error-rate: expected a ratio above 0 and at most 1, got "2"\n'],
  ])('%j is a usage error (exit 2) and no journal is written', async (args, message) => {
    const r = await drill(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(message);
    expect(r.stdout).toBe('');
    expect(await readdir(r.dir)).toEqual([]);
  });
});
