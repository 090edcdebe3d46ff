/**
 * The built-in runbook as core's `defaultRunbook()` parses and checks it, as JSON, for a bundle to carry
 * (core reads `__RUNBOOK_BUILTIN_JSON__`): checking it again cost each run ~35 ms of start-up, and an invalid
 * built-in runbook now fails the build instead of every run. Plain JavaScript; esbuild is passed in.
 */
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const core = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'core', 'src', 'index.ts');

/** esbuild's `define` for a bundle that includes core: the parsed built-in runbook. */
export async function builtinRunbookDefine(esbuild, scratchDir) {
  const tmp = join(scratchDir, `.builtin-${process.pid}.cjs`);
  await esbuild.build({
    entryPoints: [core],
    outfile: tmp,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    conditions: ['source'],
    logLevel: 'error',
  });
  try {
    const { defaultRunbook } = createRequire(import.meta.url)(tmp);
    return { __RUNBOOK_BUILTIN_JSON__: JSON.stringify(JSON.stringify(defaultRunbook())) };
  } finally {
    rmSync(tmp, { force: true });
  }
}
