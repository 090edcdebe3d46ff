import { builtinPlan, EXIT, parseRunbook } from '@runbook/core';
import { parseRunbookFile } from '@runbook/scripts';
import { defineCommand } from '../define.ts';
import { printData } from '../output.ts';

export default defineCommand({
  name: 'check',
  description:
    'Validate the runbook: its schema, then lint rules (placeholder phones, overdue review, dangling ids, foreign namespaces).',
  details: 'Errors exit 1. Warnings exit 0, or 1 with --strict.',
  flags: {
    strict: { type: 'boolean', description: 'Treat warnings as errors' },
    json: { type: 'boolean', description: 'Print the problems as JSON' },
  },
  run(ctx, flags) {
    // Unlike other commands, check reports a broken runbook's problems instead of refusing to start.
    const { errors, warnings } = ctx.runbookFile
      ? parseRunbookFile(ctx.runbookFile)
      : parseRunbook(structuredClone(builtinPlan));
    if (flags.json) {
      printData(ctx.out, flags, { errors, warnings }, 2);
    } else {
      for (const p of errors) ctx.out(`error    ${p.path}: ${p.message}`);
      for (const p of warnings) ctx.out(`warning  ${p.path}: ${p.message}`);
      ctx.out(`${errors.length} error(s), ${warnings.length} warning(s)`);
    }
    if (errors.length > 0) return EXIT.lint;
    return flags.strict && warnings.length > 0 ? EXIT.lint : EXIT.ok;
  },
});
