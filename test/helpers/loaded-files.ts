import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type CliResult, runCli } from './cli.ts';

const HOOK = pathToFileURL(join(fileURLToPath(new URL('.', import.meta.url)), 'load-log-hook.mjs')).href;

export interface LoadedFile {
  path: string;
  bytes: number;
}

/** Runs the CLI as `runCli` does, and lists every module file (ESM) the process loaded, with its size. */
export async function cliLoadedFiles(
  args: string[],
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult & { files: LoadedFile[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-loaded-'));
  const log = join(dir, 'loaded.txt');
  const register = `import{register}from"node:module";register(${JSON.stringify(HOOK)});`;
  try {
    const result = await runCli(args, {
      env: {
        ...options.env,
        LOADED_FILES_LOG: log,
        NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(register)}`,
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
