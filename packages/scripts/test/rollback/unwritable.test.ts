/**
 * An incidents directory that cannot be written (issue 14): emergency still switches and sends its final
 * notice, keeping its journal in memory; other commands refuse with one line before changing anything.
 * Run as root: a full or read-only tmpfs stands for the broken disk (chmod does not stop root).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimCluster } from '@runbook/sim';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/cli.ts';
import { Journal } from '../../src/journal.ts';
import { mutations, selectorOf, startSim, webhookReceiver } from './setup.ts';

let sim: SimCluster | undefined;
const mounts: string[] = [];
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
  for (const dir of mounts.splice(0)) {
    execFileSync('umount', ['--lazy', dir]);
    rmdirSync(dir);
  }
});

/** A 64 KiB tmpfs, read-only or filled to the last byte. */
function brokenDisk(kind: 'full' | 'read-only'): string {
  const dir = mkdtempSync(join(tmpdir(), `runbook-${kind}-`));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=64k${kind === 'read-only' ? ',ro' : ''}`, 'tmpfs', dir]);
  mounts.push(dir);
  if (kind === 'full') {
    try {
      writeFileSync(join(dir, 'filler'), Buffer.alloc(128 * 1024));
    } catch (err) {
      expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
  }
  return dir;
}

/** A plain file where a directory is expected. */
function aFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'runbook-file-')), 'incidents');
  writeFileSync(file, '');
  return file;
}

/** The line a run starts with, naming its target, before it refuses in one error line. */
const TARGET = 'rollback blue-green: context sim, namespace topsteel-marketplace, environment sim\n';
const cluster = (dir: string) => ['--kubeconfig', sim!.kubeconfig, '--incidents-dir', dir];

describe('an incidents directory that cannot be written', () => {
  it('rollback refuses with exit 5 and one error line when the disk is full, and changes nothing', async () => {
    sim = await startSim();
    const dir = brokenDisk('full');
    const r = await runCli(['rollback', 'blue-green', '--yes', ...cluster(dir)]);
    expect(r.code, r.stderr).toBe(5);
    expect(r.stderr).toBe(
      `${TARGET}error: cannot write the incident journal in "${dir}": no space left on device (ENOSPC)\nhint: free space there or pass another --incidents-dir; nothing was changed\n`,
    );
    expect(mutations(sim)).toEqual([]);
  });

  it('a file given as --incidents-dir is a usage error naming the flag', async () => {
    sim = await startSim();
    const file = aFile();
    const r = await runCli(['rollback', 'blue-green', '--yes', ...cluster(file)]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toBe(`${TARGET}error: --incidents-dir: "${file}" is a file, expected a directory\n`);
    expect(mutations(sim)).toEqual([]);
  });

  for (const [what, where] of [
    ['a full disk', () => brokenDisk('full')],
    ['a read-only file system', () => brokenDisk('read-only')],
    ['a file', aFile],
  ] as const) {
    it(`emergency on ${what}: switches, sends both notices, exits 0 and says where the journal went`, async () => {
      sim = await startSim();
      const hook = await webhookReceiver();
      try {
        const r = await runCli(['emergency', '--yes', '--lang', 'en', ...cluster(where())], {
          env: { SLACK_WEBHOOK: hook.url },
        });
        expect(r.code, r.stderr).toBe(0);
        expect(selectorOf(sim, 'marketplace-web-service')?.version).toBe('blue');
        expect(hook.messages.map((m) => m.split('\n')[2])).toEqual([
          'Status: Emergency rollback initiated',
          'Status: Rollback completed successfully',
        ]);
        expect(r.stderr).not.toMatch(/internal error|this is a bug/);
        expect(r.stderr).toMatch(
          /^! journal: (cannot write the incident journal in|--incidents-dir:) ".+; kept in memory$/m,
        );
        const saved = /^journal written to (\S+)$/m.exec(r.stderr)?.[1];
        expect(saved, r.stderr).toBeDefined();
        const steps = readFileSync(saved!, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as { step: string; outcome: string });
        expect(steps.at(0)).toMatchObject({ step: 'run', outcome: 'started' });
        expect(steps).toContainEqual(expect.objectContaining({ step: 'notify-end', outcome: 'ok' }));
        expect(steps.at(-1)).toMatchObject({ step: 'run', outcome: 'ok' });
      } finally {
        await hook.close();
      }
    });
  }

  it('a journal whose disk fills mid-run: emergency mode keeps every record, others fail with exit 5', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-filling-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
    mounts.push(dir);
    const reasons: string[] = [];
    const kept = await Journal.open({ baseDir: dir, command: 'emergency', fallback: (r) => reasons.push(r) });
    const strict = await Journal.open({ baseDir: dir, command: 'rollback blue-green' });
    await kept.append('before', 'ok');
    try {
      writeFileSync(join(dir, 'filler'), Buffer.alloc(128 * 1024));
    } catch {
      // full now
    }
    await kept.append('after', 'ok', { details: { pad: 'x'.repeat(8192) } });
    await expect(strict.append('after', 'ok', { details: { pad: 'x'.repeat(8192) } })).rejects.toMatchObject({
      code: 'E_JOURNAL',
      exitCode: 5,
    });
    await kept.close('ok');
    expect(reasons).toEqual([
      `cannot write the incident journal in "${dir}": no space left on device (ENOSPC)`,
    ]);
    const saved = kept.unwritable?.savedTo;
    expect(saved).toMatch(/journal\.jsonl$/);
    const steps = readFileSync(saved!, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).step);
    expect(steps).toEqual(['run', 'before', 'after', 'run']);
    await strict.close('failed').catch(() => {});
  });

  it('capture-state into a read-only file system is an infrastructure error (exit 5), not a bug', async () => {
    sim = await startSim();
    const ro = brokenDisk('read-only');
    const incidents = await mkdtemp(join(tmpdir(), 'runbook-cli-'));
    const r = await runCli(['capture-state', '--out', ro, ...cluster(incidents)]);
    expect(r.code, r.stderr).toBe(5);
    expect(r.stderr).not.toMatch(/internal error|this is a bug|\n {4}at /);
    expect(r.stderr).toMatch(new RegExp(`^error: .*${ro}.*: read-only file system \\(EROFS\\)$`, 'm'));
  });
});
