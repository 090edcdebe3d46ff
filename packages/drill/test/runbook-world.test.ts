/**
 * Issue 12: a runbook other than the built-in plan gets its own world. `sim up --runbook` serves exactly its
 * namespace and apps, the procedures and the drill run on it, and nothing they print names the built-in plan.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BILLING_APPS, billingPlan, PLAN_WORDS, writeBillingRunbook } from '../../../test/helpers/billing.ts';
import { BIN, type CliResult, runCli, runProcess } from '../../../test/helpers/cli.ts';
import { drill, unfinished } from '../../../test/helpers/drill.ts';

let dir: string;
let file: string;
let child: ChildProcess | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runbook-world-'));
  file = await writeBillingRunbook(dir);
});

afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  child = undefined;
});

/** `sim up` with these flags, once its ready line is out. */
async function simUp(args: string[]): Promise<{ kubeconfig: string; namespace: string }> {
  const kubeconfig = join(await mkdtemp(join(dir, 'sim-')), 'kubeconfig');
  child = spawn(process.execPath, [BIN, 'sim', 'up', '--kubeconfig', kubeconfig, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  const deadline = Date.now() + 60_000;
  while (!out.includes('\n') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return JSON.parse(out);
}

const kubectl = (kubeconfig: string, args: string[]) =>
  runProcess('kubectl', ['--kubeconfig', kubeconfig, ...args], { env: process.env });

/** Every file under `root`, as text. */
async function allText(root: string): Promise<string> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  return (await Promise.all(files.map((f) => readFile(f, 'utf8')))).join('\n');
}

const planWords = (text: string) =>
  text
    .split('\n')
    .filter((l) => PLAN_WORDS.test(l))
    .slice(0, 5);

describe('a runbook other than the built-in plan (issue 12)', () => {
  it('sim up --runbook serves exactly its world, and the procedures work on it', async () => {
    const { kubeconfig, namespace } = await simUp(['--runbook', file]);
    expect(namespace).toBe('billing');
    const got = await kubectl(kubeconfig, ['get', 'deploy,svc', '-n', 'billing', '-o', 'json']);
    expect(got.code).toBe(0);
    const items: any[] = JSON.parse(got.stdout).items;
    const deploys = items.filter((i) => i.kind === 'Deployment');
    const services = items.filter((i) => i.kind === 'Service');
    expect(deploys.map((d) => d.metadata.name).sort()).toEqual(
      BILLING_APPS.flatMap((a) => [`bill-${a}`, `bill-${a}-previous`]).sort(),
    );
    expect(services.map((s) => s.metadata.name).sort()).toEqual(BILLING_APPS.map((a) => `bill-${a}-svc`));
    BILLING_APPS.forEach((a, i) => {
      for (const [name, color, tag] of [
        [`bill-${a}`, 'green', 'v2.2.0'],
        [`bill-${a}-previous`, 'blue', 'v2.1.0'],
      ]) {
        const d = deploys.find((x) => x.metadata.name === name);
        const c = d.spec.template.spec.containers[0];
        expect(d.spec.replicas).toBe(i + 1);
        expect(d.spec.template.metadata.labels).toEqual({
          'app.kubernetes.io/name': `bill-${a}`,
          track: color,
        });
        expect(c.name).toBe(`${a}-main`);
        expect(c.image).toBe(`registry.example.com/billing/${a}:${tag}`);
        expect(c.ports[0].containerPort).toBe(4000 + i);
      }
      const svc = services.find((s) => s.metadata.name === `bill-${a}-svc`);
      expect(svc.spec.selector).toEqual({ 'app.kubernetes.io/name': `bill-${a}`, track: 'green' });
      expect(svc.spec.ports[0].targetPort).toBe(4000 + i);
    });
    // Green's history ends at the current version: undo has the runbook's previous versions to go back to.
    const history = await kubectl(kubeconfig, ['rollout', 'history', 'deployment/bill-a', '-n', 'billing']);
    expect(history.stdout.trim().split('\n').slice(2)).toHaveLength(3);
    // The app's series carry the runbook's metric labels, which the standard queries select on.
    const metrics = await kubectl(kubeconfig, [
      'get',
      '--raw',
      '/api/v1/namespaces/billing/services/bill-b-svc/proxy/metrics',
    ]);
    expect(metrics.stdout).toMatch(/http_requests_total\{[^}]*service="billing",component="b"/);

    const incidents = join(dir, 'incidents');
    const cluster = ['--runbook', file, '--kubeconfig', kubeconfig, '--incidents-dir', incidents];
    const outputs: CliResult[] = [];
    const run = async (args: string[]) => {
      const r = await runCli([...args, ...cluster], { env: { SLACK_WEBHOOK: '' } });
      outputs.push(r);
      return r;
    };
    const verify = await run(['verify', '--json', '--lang', 'en']);
    expect(verify.code, verify.stderr).toBe(0);
    const critical = JSON.parse(verify.stdout).checks.find((c: any) => c.check === 'critical-tests');
    expect(critical.status).toBe('PASS');
    for (const route of [
      'invoice list: GET /v1/invoices → 200',
      'charge: POST /v1/charges → 201',
      'b status: GET /v1/b/status → 200',
      'c status: GET /v1/c/status → 200',
    ])
      expect(critical.detail).toContain(route);

    const emergency = await run(['emergency', '--yes', '--lang', 'en']);
    expect(emergency.code, emergency.stderr).toBe(0);
    const selectors = await kubectl(kubeconfig, [
      'get',
      'svc',
      '-n',
      'billing',
      '-o',
      'jsonpath={range .items[*]}{.spec.selector.track}{" "}{end}',
    ]);
    expect(selectors.stdout.trim()).toBe('blue blue blue');
    const back = await run(['rollback', 'blue-green', '--to', 'green', '--yes', '--lang', 'en']);
    expect(back.code, back.stderr).toBe(0);
    const incident = (await readdir(incidents)).find((id) => id.includes('emergency'));
    const pm = await runCli(['postmortem', incident!, '--runbook', file, '--incidents-dir', incidents]);
    outputs.push(pm);
    expect(pm.code, pm.stderr).toBe(0);

    const printed = outputs.map((r) => `${r.stdout}\n${r.stderr}`).join('\n');
    expect(planWords(printed)).toEqual([]);
    expect(planWords(await allText(incidents))).toEqual([]);
  }, 240_000);

  it('sim up -n puts the world in that namespace', async () => {
    const { kubeconfig, namespace } = await simUp(['--runbook', file, '-n', 'billing-staging']);
    expect(namespace).toBe('billing-staging');
    const got = await kubectl(kubeconfig, ['get', 'deploy', '-n', 'billing-staging', '-o', 'name']);
    expect(got.stdout.trim().split('\n')).toHaveLength(6);
    const bad = await runCli(['sim', 'up', '--runbook', file, '-n', 'Billing_Prod']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: --namespace: expected a DNS-1123 label/);
  }, 120_000);

  it('drill --runbook rehearses on its world: exit 0, every step ok, no word of the built-in plan', async () => {
    const r = await drill(['--runbook', file, '--lang', 'en']);
    expect(r.code, r.stderr).toBe(0);
    expect(unfinished(r.records)).toEqual([]);
    expect(r.records.filter((x) => x.outcome === 'ok').map((x) => x.step)).toContain('emergency/verify');
    expect(r.stdout).toMatch(/^ {2}adapt the runbook {2}edit .*billing\.json → runbook check --runbook/m);
    expect(r.stdout).toMatch(/^ {2}real cluster {7}.*--context NAME/m);
    expect(planWords(`${r.stdout}\n${r.stderr}`)).toEqual([]);
    expect(planWords(await allText(r.incident))).toEqual([]);
  }, 240_000);
});

describe('a drill whose criteria never trip (issue 12)', () => {
  it("fails with each criterion's last value and verdict, not a bare 'inconclusive'", async () => {
    const plan = billingPlan();
    // Thresholds no measured value can cross: decide keeps saying no rollback.
    for (const c of plan.criteria) {
      if (c.kind !== 'metric') continue;
      c.threshold = c.comparator.startsWith('<') ? -1 : 1e9;
    }
    const never = join(dir, 'never.json');
    await writeFile(never, JSON.stringify(plan));
    const r = await drill(['--runbook', never, '--lang', 'en', '--window', '1']);
    expect(r.code).toBe(4);
    const message = r.stderr.split('\n').find((l) => l.startsWith('error: decide did not recommend'));
    expect(message).toMatch(/last outcome: no-rollback; error-rate \d+\.\d+ % \(ok\); latency-p95 \d/);
    expect(message).toContain('payment-errors');
  }, 240_000);
});
