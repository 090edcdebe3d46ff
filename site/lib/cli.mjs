/**
 * `pnpm site [--runbook FILE] [--out DIR]` (and `pnpm build`): builds the site of one runbook. The default
 * runbook goes to site/dist as before; another one to site/dist-<file name>, so that building it does not
 * overwrite the default site. Paths are relative to where pnpm was run.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildSite, defaultOutDir } from './build.mjs';

async function main() {
  let values;
  try {
    ({ values } = parseArgs({ options: { runbook: { type: 'string' }, out: { type: 'string' } } }));
  } catch (err) {
    console.error(`error: ${err.message.split('\n')[0]}`);
    return 2;
  }
  const base = process.env.INIT_CWD ?? process.cwd();
  const given = values.runbook ?? process.env.RUNBOOK_FILE;
  const file = given ? resolve(base, given) : '';
  const outDir = values.out ? resolve(base, values.out) : defaultOutDir(given);
  try {
    await buildSite({ outDir, env: { RUNBOOK_FILE: file } });
  } catch (err) {
    console.error(err.message);
    return 1;
  }
  console.log(outDir);
  return 0;
}

process.exitCode = await main();
