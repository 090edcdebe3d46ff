import { readFileSync } from 'node:fs';
import { EXIT, RunbookError, UsageError } from '@runbook/core';
import { defineCommand } from '../define.ts';
import { printData } from '../output.ts';

export default defineCommand({
  name: 'print-check',
  description: 'Say whether a PDF on disk matches the current runbook data (same hash, same pages).',
  details:
    'Exit 0: the PDF is current. Exit 4: it is stale or not a runbook printout. Exit 2: the file cannot be read.',
  args: [{ name: 'file', description: 'the PDF to check (print/dist/runbook-fr.pdf)', required: true }],
  flags: { json: { type: 'boolean', description: 'Print the result as JSON' } },
  async run(ctx, flags, [file]) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file!);
    } catch (err) {
      throw new UsageError(
        `print-check: cannot read "${file}" (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    const { checkPdf } = await import('@runbook/print');
    const result = checkPdf(bytes, ctx.runbook());
    if (flags.json) printData(ctx.out, flags, { file, ...result }, 2);
    else if (result.ok) ctx.out(`${file}: current (hash ${result.expectedHash}, ${result.lang})`);
    if (!result.ok) {
      throw new RunbookError(
        'E_PRINT_STALE',
        `${file}: ${result.reason}`,
        EXIT.verification,
        "reprint with 'pnpm print'",
      );
    }
    return EXIT.ok;
  },
});
