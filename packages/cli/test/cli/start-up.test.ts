import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRunbook } from '@runbook/core';
import { describe, expect, it } from 'vitest';
import { cliLoadedFiles, type LoadedFile } from '../../../../test/helpers/loaded-files.ts';
import { startRunbookSim } from '../../../../test/helpers/sim.ts';

const KB = 1024;
const total = (files: LoadedFile[]) => files.reduce((n, f) => n + f.bytes, 0);

// What a command compiles is most of its start-up: these bound the code each path loads, not its time
// (times are the bench's, on a quiet machine).
describe('start-up: a command loads only the code it uses', () => {
  it('runbook --help loads the command table and the flag parser, not the runbook, its schemas or a client', async () => {
    const { code, stdout, files } = await cliLoadedFiles(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Commands:');
    expect(total(files)).toBeLessThan(64 * KB);
  });

  it('rollback blue-green loads the Kubernetes API groups it calls, not the whole client', async () => {
    const sim = await startRunbookSim(defaultRunbook());
    try {
      const incidents = mkdtempSync(join(tmpdir(), 'runbook-start-up-'));
      const { code, stderr, files } = await cliLoadedFiles(
        ['rollback', 'blue-green', '--to', 'blue', '--yes', '--incidents-dir', incidents],
        { env: { KUBECONFIG: sim.kubeconfig } },
      );
      expect(code, stderr).toBe(0);
      // The whole of @kubernetes/client-node bundles to 3.5 MB; the four API groups used, to 1.8 MB.
      expect(total(files)).toBeLessThan(3 * KB * KB);
    } finally {
      await sim.stop();
    }
  });
});
