import { contentHash, EXIT } from '@runbook/core';
import { defineCommand } from '../define.ts';

export default defineCommand({
  name: 'print-hash',
  description: 'Print the content hash that the current printout must show in its footer and on its cover.',
  details:
    'Someone holding the paper compares the hash printed on it with this one: different means the copy is stale.',
  run(ctx) {
    ctx.out(contentHash(ctx.runbook()));
    return EXIT.ok;
  },
});
