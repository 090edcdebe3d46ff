/**
 * Issue 13: `@runbook/scripts` used from outside the repository. A script in a temp folder imports the built
 * library (by absolute path with plain node, by package name with zx), rolls back a `runbook sim up` cluster
 * to blue, verifies, and leaves a journal and no lock behind.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KubeConfig, Watch } from '@kubernetes/client-node';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../../../../test/helpers/cli.ts';
import { journalOf } from '../../../../test/helpers/journal.ts';
import {
  buildLibrary,
  DIST,
  linkPackage,
  outsideDir,
  plainEnv,
  rollbackScript,
  type Sim,
  serviceColours,
  simUp,
  zxBin,
} from './_outside.ts';

// The name the script prints is checked against the sources', not taken from the build under test.
const LEASE = 'runbook-rollback';

let sim: Sim | undefined;
let stopWatch: (() => void) | undefined;

beforeAll(buildLibrary);

afterEach(async () => {
  stopWatch?.();
  stopWatch = undefined;
  await sim?.stop();
  sim = undefined;
});

/** Records what happens to the lock Lease from now on; resolves once the watch is open. */
async function watchLease(s: Sim): Promise<{ events: string[]; deleted: Promise<void> }> {
  const kc = new KubeConfig();
  kc.loadFromFile(s.kubeconfig);
  const events: string[] = [];
  let onDeleted = () => {};
  const deleted = new Promise<void>((resolve) => (onDeleted = resolve));
  const controller = await new Watch(kc).watch(
    `/apis/coordination.k8s.io/v1/namespaces/${s.namespace}/leases`,
    {},
    (type, lease: { metadata: { name: string } }) => {
      if (lease.metadata.name !== LEASE) return;
      events.push(type);
      if (type === 'DELETED') onDeleted();
    },
    () => {},
  );
  stopWatch = () => controller.abort();
  return { events, deleted };
}

/** Runs `script` from `dir` against a fresh sim and checks what a rollback to blue must leave. */
async function rollbackFromOutside(dir: string, command: string[]) {
  sim = await simUp(dir);
  expect(Object.values(await serviceColours(sim))).toEqual(['green', 'green']);
  const lease = await watchLease(sim);
  const incidentsDir = join(dir, 'incidents');
  const r = await runProcess(process.execPath, command, {
    cwd: dir,
    env: plainEnv({ KUBECONFIG: sim.kubeconfig, INCIDENTS_DIR: incidentsDir }),
  });
  expect(r.code, r.stderr).toBe(0);
  const result = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  expect(result).toMatchObject({ ok: true, lease: LEASE, incident: expect.stringMatching(/-script-/) });

  expect(Object.values(await serviceColours(sim))).toEqual(['blue', 'blue']);
  const journal = await journalOf(incidentsDir);
  expect(journal.filter((l) => l.outcome === 'ok').map((l) => l.step)).toEqual([
    'lock',
    'check-target-ready',
    'record-selectors',
    'switch-traffic',
    'wait-endpoints',
    'check-health',
    'verify',
    'run',
  ]);
  // Taken for the switch, then released: deleted, so that nobody is refused by a stale lock.
  await lease.deleted;
  expect(lease.events[0]).toBe('ADDED');
  expect(lease.events.at(-1)).toBe('DELETED');
  const left = await runProcess(
    'kubectl',
    ['--kubeconfig', sim.kubeconfig, 'get', 'lease', LEASE, '-n', sim.namespace],
    { env: plainEnv({}) },
  );
  expect(left.code).toBe(1);
  expect(left.stderr).toMatch(/NotFound/);
  return result as { resolved: string };
}

describe('@runbook/scripts from outside the repository (issue 13)', () => {
  it('plain node imports dist/index.mjs by absolute path and rolls back to blue', async () => {
    const dir = await outsideDir('runbook-lib-node-');
    const script = join(dir, 'rollback.mjs');
    await writeFile(script, rollbackScript(pathToFileURL(DIST).href, 'console.log'));
    const result = await rollbackFromOutside(dir, [script]);
    expect(result.resolved).toBe(pathToFileURL(DIST).href);
  });

  it('a zx script imports @runbook/scripts by name (linked) and gets dist/, not the sources', async () => {
    const dir = await outsideDir('runbook-lib-zx-');
    await linkPackage(dir);
    const script = join(dir, 'rollback.mjs');
    // `echo` is a zx global: the script fails under anything but zx.
    await writeFile(script, rollbackScript('@runbook/scripts', 'echo'));
    const result = await rollbackFromOutside(dir, [await zxBin(), script]);
    expect(result.resolved).toBe(pathToFileURL(DIST).href);
  });
});
