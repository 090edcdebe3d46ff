import { describe, expect, it } from 'vitest';
import { cliLoadedFiles, type LoadedFile } from '../../../../test/helpers/loaded-files.ts';

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
});
