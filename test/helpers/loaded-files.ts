import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type CliResult, runCli } from './cli.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const HOOK = pathToFileURL(join(here, 'load-log-hook.mjs')).href;
const PRELOAD = join(here, 'read-log-preload.cjs');

export interface LoadedFile {
  path: string;
  bytes: number;
}

/**
 * Runs the CLI as `runCli` does, and lists every file of code the process loaded, with its size: ESM modules,
 * CommonJS bundles and the code caches read beside them.
 */
export async function cliLoadedFiles(
  args: string[],
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult & { files: LoadedFile[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-loaded-'));
  const log = join(dir, 'loaded.txt');
  // A stale bundle is rebuilt first, outside the log: building loads esbuild, which no user run does.
  await runCli(['--version']);
  const register = `import{register}from"node:module";register(${JSON.stringify(HOOK)});`;
  try {
    const result = await runCli(args, {
      env: {
        ...options.env,
        LOADED_FILES_LOG: log,
        NODE_OPTIONS: `--require=${PRELOAD} --import=data:text/javascript,${encodeURIComponent(register)}`,
      },
    });
    const urls = [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))];
    const files = urls.map((url) => {
      const path = fileURLToPath(url);
      return { path, bytes: statSync(path).size };
    });
    return { ...result, files };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
