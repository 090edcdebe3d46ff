import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinPlan } from '@runbook/core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/cli.ts';

const EXPORT_KEYS = [
  'meta',
  'criteria',
  'procedures',
  'checklists',
  'contacts',
  'escalation',
  'templates',
  'alerts',
  'dashboards',
  'quickCommands',
];

function writeRunbook(mutate: (plan: any) => void): string {
  const plan = structuredClone(builtinPlan) as any;
  mutate(plan);
  const file = join(mkdtempSync(join(tmpdir(), 'runbook-cli-')), 'runbook.json');
  writeFileSync(file, JSON.stringify(plan));
  return file;
}

/** Every string leaf under an object that has both `fr` and `en`. */
function localizedLeaves(value: unknown, out: { fr: unknown; en: unknown }[] = []) {
  if (Array.isArray(value)) for (const v of value) localizedLeaves(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('fr' in o && 'en' in o && typeof o.fr === 'string') out.push({ fr: o.fr, en: o.en });
    else for (const v of Object.values(o)) localizedLeaves(v, out);
  }
  return out;
}

describe('runbook export --json', () => {
  it('holds every item of the plan, in both languages', async () => {
    const { code, stdout } = await runCli(['export', '--json']);
    expect(code).toBe(0);
    const data = JSON.parse(stdout);
    expect(Object.keys(data)).toEqual(EXPORT_KEYS);
    expect(data.criteria).toHaveLength(6);
    expect(data.procedures.find((p: any) => p.id === 'capture-state').steps).toHaveLength(3);
    expect(data.procedures.filter((p: any) => p.kind === 'rollback').map((p: any) => p.id)).toEqual([
      'blue-green',
      'native',
      'version',
    ]);
    expect(data.procedures.map((p: any) => p.id)).toEqual(
      expect.arrayContaining(['db-restore', 'migration-rollback', 'emergency']),
    );
    expect(data.procedures.find((p: any) => p.id === 'verify').steps).toHaveLength(5);
    expect(data.dashboards).toHaveLength(4);
    expect(data.alerts).toHaveLength(3);
    expect(data.contacts).toHaveLength(5);
    expect(data.escalation).toHaveLength(3);
    expect(data.templates.filter((t: any) => t.audience !== 'post-mortem')).toHaveLength(2);
    expect(data.templates.some((t: any) => t.audience === 'post-mortem')).toBe(true);
    expect(data.checklists.find((c: any) => c.phase === 'post-mortem').items).toHaveLength(8);
    expect(data.quickCommands).toHaveLength(4);
    const phases = (p: string) => data.checklists.find((c: any) => c.phase === p).items.length;
    expect([phases('before'), phases('during'), phases('after')]).toEqual([3, 3, 4]);
    const leaves = localizedLeaves(data);
    expect(leaves.length).toBeGreaterThan(200);
    for (const leaf of leaves) {
      expect(typeof leaf.en === 'string' && leaf.en.length > 0).toBe(true);
      expect((leaf.fr as string).length).toBeGreaterThan(0);
    }
  });

  it('refuses export without a format', async () => {
    const { code, stderr } = await runCli(['export']);
    expect(code).toBe(2);
    expect(stderr).toContain('expected --json');
  });
});

describe('runbook check', () => {
  it('warns about the placeholder phones and passes without --strict', async () => {
    const { code, stdout } = await runCli(['check']);
    expect(code).toBe(0);
    expect(stdout.match(/placeholder phone number "\+33 6 XX XX XX XX"/g)).toHaveLength(5);
    expect(stdout).toMatch(/0 error\(s\), 6 warning\(s\)/);
  });

  it('fails with --strict', async () => {
    const { code } = await runCli(['check', '--strict']);
    expect(code).toBe(1);
  });

  it('gives one line per problem with its path for a malformed runbook, and nothing else runs', async () => {
    const file = writeRunbook((p) => {
      p.criteria[2].threshold = 'x';
      p.contacts[0].phone = 'call me';
    });
    const check = await runCli(['check', '--runbook', file]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('error    criteria[2].threshold: expected a number');
    expect(check.stdout).toContain('error    contacts[0].phone:');
    const show = await runCli(['show', '--runbook', file]);
    expect(show.code).toBe(1);
    expect(show.stdout).toBe('');
    expect(show.stderr.trim().split('\n')).toEqual([
      'criteria[2].threshold: expected a number',
      expect.stringMatching(/^contacts\[0\]\.phone: expected an international phone number/),
    ]);
  });

  it('reports a clean runbook with real phones and a fresh review as clean under --strict', async () => {
    const file = writeRunbook((p) => {
      for (const [i, c] of p.contacts.entries()) c.phone = `+33 6 12 34 56 7${i}`;
      p.meta.lastReviewed = new Date().toISOString().slice(0, 10);
    });
    const { code, stdout } = await runCli(['check', '--strict', '--runbook', file]);
    expect(stdout).toContain('0 error(s), 0 warning(s)');
    expect(code).toBe(0);
  });
});

describe('runbook show', () => {
  it('prints the blue-green procedure with its kubectl patch commands, in French', async () => {
    const { code, stdout } = await runCli(['show', 'blue-green', '--lang', 'fr']);
    expect(code).toBe(0);
    expect(stdout).toContain('Option 1 : rollback blue-green');
    expect(stdout).toContain(
      `kubectl patch service marketplace-api-service -n topsteel-marketplace -p '{"spec":{"selector":{"version":"blue"}}}'`,
    );
    expect(stdout).toContain(
      `kubectl patch service marketplace-web-service -n topsteel-marketplace -p '{"spec":{"selector":{"version":"blue"}}}'`,
    );
    expect(stdout).toContain('[DESTRUCTIF]');
  });

  it('prints the whole runbook in English', async () => {
    const { code, stdout } = await runCli(['show', '--lang', 'en']);
    expect(code).toBe(0);
    for (const text of [
      'Decision criteria',
      'Option 2: native Kubernetes rollback',
      'Emergency contacts',
      'Post-mortem checklist',
      'Quick commands',
    ]) {
      expect(stdout).toContain(text);
    }
  });

  it('names an unknown id and lists the known ones', async () => {
    const { code, stderr } = await runCli(['show', 'blue-grene']);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^error: show: unknown id "blue-grene"\nhint: known ids: capture-state, blue-green/,
    );
  });
});

describe('usage errors', () => {
  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['show', '--colour'], /unknown flag --colour/],
    [['show', '--lang', 'de'], /--lang: expected fr or en, the runbook's languages; got "de"/],
    [['show', 'a', 'b'], /unexpected argument "b"/],
  ])('%j exits 2 with one clear line and no stack trace', async (args, message) => {
    const { code, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('has --help on every command', async () => {
    for (const command of ['check', 'show', 'export']) {
      const { code, stdout } = await runCli([command, '--help']);
      expect(code).toBe(0);
      expect(stdout).toContain(`Usage: runbook ${command}`);
      expect(stdout).toContain('Exit codes:');
    }
  });
});
