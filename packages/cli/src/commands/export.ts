import { UsageError } from '@runbook/core';
import { defineCommand } from '../define.ts';
import { printData } from '../output.ts';

export default defineCommand({
  name: 'export',
  description: 'Export the runbook as JSON, every item in both languages.',
  flags: {
    json: { type: 'boolean', description: 'JSON output (the only format for now)' },
  },
  run(ctx, flags) {
    if (!flags.json) throw new UsageError('export: expected --json', "run 'runbook export --json'");
    printData(ctx.out, flags, ctx.runbook(), 2);
    return 0;
  },
});
