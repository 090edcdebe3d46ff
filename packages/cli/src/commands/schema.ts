import { EXIT, runbookJsonSchema } from '@runbook/core';
import { defineCommand } from '../define.ts';
import { writeOutFile } from './_out-file.ts';

export default defineCommand({
  name: 'schema',
  description:
    'Print the JSON Schema of a runbook file, generated from the schemas the tool checks with (never hand-written).',
  details: `Editors with the YAML language server complete and check a runbook whose first line is
  # yaml-language-server: $schema=./runbook.schema.json
Examples:
  runbook schema --out runbook.schema.json
  runbook schema | jq '.properties.meta.required'`,
  flags: {
    out: { type: 'string', hint: 'FILE', description: 'Write the schema to FILE instead of stdout' },
  },
  run(ctx, flags) {
    const text = `${JSON.stringify(runbookJsonSchema(), null, 2)}\n`;
    const out = flags.out;
    if (out) {
      writeOutFile('--out', out, text);
      ctx.err(`wrote ${out}`);
    } else ctx.out(text.trimEnd());
    return EXIT.ok;
  },
});
