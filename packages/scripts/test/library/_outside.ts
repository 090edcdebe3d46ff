/**
 * The library as a user outside the repository gets it: the built dist/, imported from a folder under the
 * system's temp dir by a script run with plain node or zx, against `runbook sim up` running as a process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, realpath, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BIN, ROOT, runProcess } from '../../../../test/helpers/cli.ts';

export const PKG = join(ROOT, 'packages', 'scripts');
export const DIST = join(PKG, 'dist', 'index.mjs');
export const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** Builds dist/ when a source is newer, as `pnpm install` does; a test then runs the sources it sees. */
export async function buildLibrary(): Promise<void> {
  const r = await runProcess(process.execPath, [join(PKG, 'bin', 'build.mjs')], { env: process.env });
  if (r.code !== 0) throw new Error(`bin/build.mjs exited ${r.code}\n${r.stderr}`);
}

/** zx's own executable, as installed for @runbook/scripts. */
export async function zxBin(): Promise<string> {
  const manifest = createRequire(join(PKG, 'package.json')).resolve('zx/package.json');
  const { bin } = JSON.parse(await readFile(manifest, 'utf8')) as { bin: { zx: string } };
  return join(dirname(manifest), bin.zx);
}

/** A fresh folder outside the repository (its real path: /tmp may be a link). */
export async function outsideDir(prefix: string): Promise<string> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), prefix)));
  if (dir.startsWith(ROOT)) throw new Error(`${dir} is inside the repository`);
  return dir;
}

/** Makes `@runbook/scripts` resolvable by name from `dir`, as `pnpm link` does. */
export async function linkPackage(dir: string): Promise<void> {
  await mkdir(join(dir, 'node_modules', '@runbook'), { recursive: true });
  await symlink(PKG, join(dir, 'node_modules', '@runbook', 'scripts'), 'dir');
}

/** What a child gets of the environment: no NODE_OPTIONS or loader of the test run, nothing of the repo. */
export function plainEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...extra };
}

export interface Sim {
  kubeconfig: string;
  namespace: string;
  stop(): Promise<void>;
}

/** `runbook sim up` as a child process, once it printed its ready line. */
export async function simUp(dir: string): Promise<Sim> {
  const kubeconfig = join(dir, 'kubeconfig');
  const child: ChildProcess = spawn(process.execPath, [BIN, 'sim', 'up', '--kubeconfig', kubeconfig], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: plainEnv({}),
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`sim up exited ${code} before ready\n${stderr}`)));
  });
  const ready = JSON.parse(line) as { ready: boolean; kubeconfig: string; namespace: string };
  if (!ready.ready || ready.kubeconfig !== kubeconfig) throw new Error(`unexpected ready line ${line}`);
  return {
    kubeconfig,
    namespace: ready.namespace,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The colour each service of the namespace sends traffic to, read with kubectl. */
export async function serviceColours(sim: Sim): Promise<Record<string, string>> {
  const r = await runProcess(
    'kubectl',
    ['--kubeconfig', sim.kubeconfig, 'get', 'services', '-n', sim.namespace, '-o', 'json'],
    { env: plainEnv({}) },
  );
  if (r.code !== 0) throw new Error(`kubectl get services: ${r.stderr}`);
  const { items } = JSON.parse(r.stdout) as {
    items: Array<{ metadata: { name: string }; spec: { selector?: Record<string, string> } }>;
  };
  return Object.fromEntries(items.map((s) => [s.metadata.name, s.spec.selector?.version ?? '']));
}

/**
 * The script a user writes: connect, roll back to blue, verify, print the outcome, close. `yes` stands for
 * the person who confirms the switch (a script has no TTY to ask on).
 */
export function rollbackScript(specifier: string, print: 'console.log' | 'echo'): string {
  return `import { connect, LEASE_NAME } from ${JSON.stringify(specifier)};

const rb = await connect({
  context: 'sim',
  kubeconfig: process.env.KUBECONFIG,
  incidentsDir: process.env.INCIDENTS_DIR,
  yes: true,
});
await rb.rollback.blueGreen({ to: 'blue' });
const v = await rb.verify();
${print}(JSON.stringify({
  ok: v.ok,
  incident: rb.incident,
  lease: LEASE_NAME,
  resolved: import.meta.resolve(${JSON.stringify(specifier)}),
}));
await rb.close();
`;
}
