/** kubectl's habits: -o json|yaml, --dry-run=client|server, and a repeated flag that contradicts itself. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimCluster } from '@runbook/sim';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../../../../test/helpers/cli.ts';
import { createKubeAdapter } from '../../../scripts/src/adapters/kube.ts';
import { MERGE_PATCH } from '../../../scripts/src/adapters/kube-calls.ts';
import { mutations, NS, selectorOf, startSim } from '../../../scripts/test/rollback/setup.ts';

let sim: SimCluster | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

const tmp = () => mkdtemp(join(tmpdir(), 'runbook-habits-'));

describe('-o json|yaml wherever --json exists', () => {
  it('-o json prints what --json prints; -o yaml the same data as YAML', async () => {
    const json = await runCli(['check', '--json']);
    const o = await runCli(['check', '-o', 'json']);
    const yaml = await runCli(['check', '--output=yaml']);
    expect([json.code, o.code, yaml.code]).toEqual([0, 0, 0]);
    expect(o.stdout).toBe(json.stdout);
    expect(parse(yaml.stdout)).toEqual(JSON.parse(json.stdout));
    const esc = await runCli(['escalation', '-o', 'yaml', '--since', '2024-01-15T14:05:00Z']);
    expect(esc.code).toBe(0);
    expect(parse(esc.stdout)).toHaveProperty('level');
  });

  it('a format other than json or yaml, or --json with -o yaml, is a usage error', async () => {
    const xml = await runCli(['check', '-o', 'xml']);
    expect(xml.code).toBe(2);
    expect(xml.stderr).toBe('error: --output: expected json or yaml, got "xml"\n');
    const both = await runCli(['export', '--json', '-o', 'yaml']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--json and -o yaml contradict each other');
    expect(both.stdout).toBe('');
  });

  it('shows -o in --help of a command with --json, not of one without', async () => {
    expect((await runCli(['check', '--help'])).stdout).toMatch(/-o, --output <json\|yaml>/);
    expect((await runCli(['print-hash', '--help'])).stdout).not.toContain('--output');
  });
});

describe('a single-value flag given twice', () => {
  it('--to green --to blue is a usage error naming --to, and nothing changes', async () => {
    sim = await startSim();
    const dir = await tmp();
    const r = await runCli([
      'rollback',
      'blue-green',
      '--to',
      'green',
      '--to',
      'blue',
      '--yes',
      '--kubeconfig',
      sim.kubeconfig,
      '--incidents-dir',
      dir,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      'error: rollback blue-green: --to given twice with different values ("green", "blue"); give it once',
    );
    expect(mutations(sim)).toEqual([]);
    expect(selectorOf(sim, 'marketplace-api-service')?.version).toBe('green');
  });

  it('the same value twice is not a contradiction', async () => {
    const r = await runCli(['check', '--lang', 'en', '--lang=en', '--json']);
    expect(r.code).toBe(0);
  });
});

describe('--dry-run[=client|server]', () => {
  const args = (dir: string) => ['--kubeconfig', sim!.kubeconfig, '--incidents-dir', dir, '--lang', 'en'];

  it('--dry-run=client is the plain --dry-run: the plan, and not one request that changes anything', async () => {
    sim = await startSim();
    const dir = await tmp();
    const bare = await runCli(['rollback', 'blue-green', '--dry-run', ...args(dir)]);
    const client = await runCli(['rollback', 'blue-green', '--dry-run=client', ...args(dir)]);
    expect([bare.code, client.code]).toEqual([0, 0]);
    expect(client.stdout).toBe(bare.stdout);
    expect(client.stdout).not.toContain('server dry run');
    expect(mutations(sim)).toEqual([]);
  });

  it('--dry-run=server sends every write with dryRun=All: validated by the API server, nothing changed', async () => {
    sim = await startSim();
    const dir = await tmp();
    const r = await runCli(['rollback', 'blue-green', '--to', 'blue', '--dry-run=server', ...args(dir)]);
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    for (const service of ['marketplace-api-service', 'marketplace-web-service'])
      expect(r.stdout).toContain(
        `server dry run: PATCH /api/v1/namespaces/${NS}/services/${service} accepted (dryRun=All, nothing changed)`,
      );
    const writes = mutations(sim);
    expect(writes.map((w) => `${w.method} ${w.path}${w.query}`)).toEqual(
      expect.arrayContaining([
        `PATCH /api/v1/namespaces/${NS}/services/marketplace-api-service?dryRun=All`,
        `PATCH /api/v1/namespaces/${NS}/services/marketplace-web-service?dryRun=All`,
      ]),
    );
    expect(writes.every((w) => w.query.includes('dryRun=All'))).toBe(true);
    expect(selectorOf(sim, 'marketplace-api-service')?.version).toBe('green');
    expect(selectorOf(sim, 'marketplace-web-service')?.version).toBe('green');
  });

  it('rollback version --dry-run=server: the set-image patches are validated, the images stay', async () => {
    sim = await startSim();
    const dir = await tmp();
    const image = () =>
      sim!.get('deployment', NS, 'marketplace-api')?.spec?.template?.spec?.containers?.[0]?.image;
    const before = image();
    const r = await runCli(['rollback', 'version', 'v1.2.3', '--dry-run=server', ...args(dir)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `server dry run: PATCH /apis/apps/v1/namespaces/${NS}/deployments/marketplace-api accepted`,
    );
    expect(mutations(sim).every((w) => w.query.includes('dryRun=All'))).toBe(true);
    expect(image()).toBe(before);
  });

  it('a write the API server refuses is exit 3 under --dry-run=server, and still changes nothing', async () => {
    sim = await startSim();
    const kube = await createKubeAdapter({ kubeconfig: sim.kubeconfig, namespace: NS });
    const refused = kube.dryRunCall({
      method: 'PATCH',
      path: `/api/v1/namespaces/${NS}/services/marketplace-api-service`,
      contentType: MERGE_PATCH,
      body: { metadata: { name: 'renamed' } },
      kubectl: 'kubectl patch service marketplace-api-service',
    });
    await expect(refused).rejects.toMatchObject({ code: 'E_DRY_RUN_REFUSED', exitCode: 3 });
    expect(sim.get('service', NS, 'marketplace-api-service')).toBeTruthy();
    expect(sim.get('service', NS, 'renamed')).toBeFalsy();
  });

  it('a mode other than client or server is a usage error; notify and db-rollback have no server mode', async () => {
    const bogus = await runCli(['rollback', 'blue-green', '--dry-run=maybe']);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toBe('error: --dry-run: expected client or server, got "maybe"\n');
    const notify = await runCli(['notify', '--template', 'customer', '--dry-run=server']);
    expect(notify.code).toBe(2);
    expect(notify.stderr).toBe('error: --dry-run: expected client, got "server"\n');
    const notifyClient = await runCli(['notify', '--template', 'customer', '--dry-run', '--lang', 'en'], {
      env: { SLACK_WEBHOOK: '' },
    });
    expect(notifyClient.code).toBe(0);
  });
});
