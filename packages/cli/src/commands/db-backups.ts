import { formatMs, table } from '@runbook/core';
import { backupDir, formatBytes, listBackups } from '@runbook/scripts';
import { defineCommand } from '../define.ts';
import { printData } from '../output.ts';

export default defineCommand({
  name: 'db-backups',
  description:
    'List the database dumps of the backup directory, newest first, with their time (from the file name) and size.',
  details: `The directory and the file-name pattern come from the runbook (meta.backups); {stamp} is YYYYMMDD-HH,
read as local time. Pass a stamp to 'runbook db-rollback --backup'.
Exit codes: 0 listed (even none) · 3 the directory cannot be read.`,
  flags: {
    dir: { type: 'string', hint: 'DIR', description: 'Backup directory (default meta.backups.dir)' },
    json: { type: 'boolean', description: 'Print the list as JSON' },
  },
  async run(ctx, flags) {
    const runbook = ctx.runbook();
    const dir = backupDir(runbook, flags.dir);
    const backups = await listBackups(dir, runbook.meta.backups.pattern);
    if (flags.json) {
      printData(ctx.out, flags, {
        dir,
        pattern: runbook.meta.backups.pattern,
        backups: backups.map((b) => ({ ...b, time: b.time.toISOString() })),
      });
      return 0;
    }
    if (backups.length === 0) {
      ctx.err(`no dump matching ${runbook.meta.backups.pattern} in ${dir}`);
      return 0;
    }
    const now = Date.now();
    const local = (d: Date) =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ${String(d.getHours()).padStart(2, '0')}:00`;
    ctx.out(
      table(
        backups.map((b) => [
          b.stamp,
          local(b.time),
          `${formatMs(Math.max(0, now - b.time.getTime()))} ago`,
          formatBytes(b.bytes),
          b.path,
        ]),
        ['stamp', 'time', 'age', 'size', 'file'],
      ),
    );
    return 0;
  },
});
