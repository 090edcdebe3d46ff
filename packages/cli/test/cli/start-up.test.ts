import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { defaultRunbook } from '@runbook/core';
import { describe, expect, it } from 'vitest';
import { cliLoadedFiles, type LoadedFile } from '../../../../test/helpers/loaded-files.ts';
import { startRunbookSim } from '../../../../test/helpers/sim.ts';

const KB = 1024;
const total = (files: LoadedFile[]) => files.reduce((n, f) => n + f.bytes, 0);
const named = (files: LoadedFile[], re: RegExp) => files.filter((f) => re.test(basename(f.path)));

// What a command compiles is most of its start-up: these bound the code each path loads and check that the
// compiled code is reused, not its time (times are the bench's, on a quiet machine).
describe('start-up: a command loads only the code it uses, compiled once', () => {
  it('runbook --help loads the command table and the flag parser, not the commands, the runbook or a client', async () => {
    const { code, stdout, files } = await cliLoadedFiles(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Commands:');
    expect(named(files, /^top-level\.cjs$/)).toHaveLength(1);
    expect(named(files, /^cli\.cjs$/)).toEqual([]);
    expect(total(files)).toBeLessThan(64 * KB);
  });

  it('a word that names no command leaves no code cache behind', async () => {
    const { code, files } = await cliLoadedFiles(['frobnicate']);
    expect(code).toBe(2);
    const [bundle] = named(files, /^cli\.cjs$/);
    const caches = join(bundle!.path, '..', '.cache');
    expect(existsSync(caches) ? readdirSync(caches).filter((f) => f.startsWith('frobnicate')) : []).toEqual(
      [],
    );
  });

  it('rollback blue-green reuses the code its first run compiled (V8 code cache), never a stale one', async () => {
    const sim = await startRunbookSim(defaultRunbook());
    try {
      const incidents = mkdtempSync(join(tmpdir(), 'runbook-start-up-'));
      const run = (to: string) =>
        cliLoadedFiles(['rollback', 'blue-green', '--to', to, '--yes', '--incidents-dir', incidents], {
          env: { KUBECONFIG: sim.kubeconfig },
        });
      const first = await run('blue');
      expect(first.code, first.stderr).toBe(0);
      const second = await run('green');
      expect(second.code, second.stderr).toBe(0);
      const [cache] = named(second.files, /^rollback-\d+-\d+\.bin$/);
      expect(cache, 'the second run reads the cache of the first').toBeDefined();
      // A cache V8 rejects is written again (a new file renamed over it); one it took is left as it was.
      const before = statSync(cache!.path);
      const third = await run('blue');
      expect(third.code, third.stderr).toBe(0);
      expect(statSync(cache!.path).ino).toBe(before.ino);
      // The cache is named after the bundle's size and mtime: V8 itself only checks the source's length.
      const [bundle] = named(second.files, /^cli\.cjs$/);
      const { size, mtimeMs } = statSync(bundle!.path);
      expect(basename(cache!.path)).toBe(`rollback-${size}-${Math.trunc(mtimeMs)}.bin`);
    } finally {
      await sim.stop();
    }
  });
});
