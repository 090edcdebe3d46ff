import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/cli.ts';
import { parseStamp, resolveBackup } from '../../src/procedures/db-backups.ts';
import { tempDir } from './helpers.ts';

describe('runbook db-backups', () => {
  const dir = tempDir('backups');
  writeFileSync(join(dir, 'marketplace_20240115-14.dump'), Buffer.alloc(2048));
  writeFileSync(join(dir, 'marketplace_20240116-02.dump'), Buffer.alloc(10));
  writeFileSync(join(dir, 'marketplace_20241399-99.dump'), 'not a real date');
  writeFileSync(join(dir, 'notes.txt'), 'not a dump');

  it('lists the dumps matching meta.backups.pattern, newest first, with time and size', async () => {
    const r = await runCli(['db-backups', '--dir', dir, '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list.pattern).toBe('marketplace_{stamp}.dump');
    expect(list.backups.map((b: { stamp: string; bytes: number }) => [b.stamp, b.bytes])).toEqual([
      ['20240116-02', 10],
      ['20240115-14', 2048],
    ]);
    expect(list.backups[1].time).toBe(new Date(2024, 0, 15, 14).toISOString());
    const text = await runCli(['db-backups', '--dir', dir]);
    expect(text.stdout).toMatch(/20240115-14\s+2024-01-15 14:00\s+.* ago\s+2\.0 kB/);
  });

  it('a missing directory is one line and exit 3', async () => {
    const r = await runCli(['db-backups', '--dir', join(dir, 'nope')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^error: cannot read the backup directory .*nope \(ENOENT\)$/m);
  });

  it('resolves --backup as a stamp through the pattern, a file path, or latest', async () => {
    expect(await resolveBackup('20240115-14', dir, 'marketplace_{stamp}.dump')).toEqual({
      path: join(dir, 'marketplace_20240115-14.dump'),
      stamp: '20240115-14',
    });
    expect((await resolveBackup('latest', dir, 'marketplace_{stamp}.dump')).stamp).toBe('20240116-02');
    expect((await resolveBackup(join(dir, 'x.dump'), dir, 'marketplace_{stamp}.dump')).stamp).toBeNull();
    await expect(resolveBackup('20240230-10', dir, 'marketplace_{stamp}.dump')).rejects.toThrow(
      /not a real date and hour/,
    );
    expect(parseStamp('20240115-24')).toBeNull();
  });
});
