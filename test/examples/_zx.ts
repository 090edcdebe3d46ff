/** Runs an examples/zx script as a user would (the workspace's zx binary), and the HTTP services it talks to. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRunbook } from '@runbook/core';
import type { SimCluster } from '@runbook/sim';
import { type CliResult, ROOT, runProcess } from '../helpers/cli.ts';
import { type RunbookSimOptions, startRunbookSim } from '../helpers/sim.ts';

export const EXAMPLES = join(ROOT, 'examples', 'zx');
const ZX = join(EXAMPLES, 'node_modules', '.bin', 'zx');

/**
 * The scripts import @runbook/scripts as a user's would: its built dist/ (package.json "exports"), rebuilt
 * here first when a source is newer than it, as `pnpm install` would.
 */
async function buildLibrary(): Promise<void> {
  const build = join(ROOT, 'packages', 'scripts', 'bin', 'build.mjs');
  const r = await runProcess(process.execPath, [build], { env: process.env });
  if (r.code !== 0) throw new Error(`packages/scripts/bin/build.mjs exited ${r.code}\n${r.stderr}`);
}

let built: Promise<void> | undefined;

/** `zx <script> ...args` in a fresh folder (its `incidents/` lands there), with no TTY and no shell. */
export async function runExample(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<CliResult & { cwd: string }> {
  built ??= buildLibrary();
  await built;
  const cwd = await mkdtemp(join(tmpdir(), 'runbook-zx-'));
  const r = await runProcess(ZX, [join(EXAMPLES, script), ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: '', SLACK_WEBHOOK: '', FLAGS_URL: '', ...env },
  });
  return { ...r, cwd };
}

export function startSim(options: RunbookSimOptions = {}): Promise<SimCluster> {
  return startRunbookSim(defaultRunbook(), { readyDelayMs: 150, ...options });
}

/** The selector of every Service, read with kubectl as a person checking the switch would. */
export async function selectors(sim: SimCluster): Promise<Record<string, Record<string, string>>> {
  const r = await runProcess('kubectl', ['--kubeconfig', sim.kubeconfig, 'get', 'services', '-o', 'json'], {
    env: process.env,
  });
  if (r.code !== 0) throw new Error(`kubectl: ${r.stderr}`);
  const list = JSON.parse(r.stdout) as {
    items: Array<{ metadata: { name: string }; spec: { selector: Record<string, string> } }>;
  };
  return Object.fromEntries(list.items.map((s) => [s.metadata.name, s.spec.selector]));
}

export { type Received, receiver, texts } from '../helpers/receiver.ts';

/** No stack trace: a person reads `error:` and `hint:` lines only. */
export const STACK = /^\s+at /m;
