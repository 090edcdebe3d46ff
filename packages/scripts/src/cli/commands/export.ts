import { UsageError } from '@runbook/core';
import { defineCommand } from '../define.ts';

export default defineCommand({
  name: 'export',
  description: 'Export the runbook as JSON, every item in both languages.',
  flags: {
    json: { type: 'boolean', description: 'JSON output (the only format for now)' },
  },
  run(ctx, flags) {
    if (!flags.json) throw new UsageError('export: expected --json', "run 'runbook export --json'");
    ctx.out(JSON.stringify(ctx.runbook(), null, 2));
    return 0;
  },
});
