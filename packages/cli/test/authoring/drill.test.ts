/** The drill on runbooks other than the built-in plan: the example, and one `init` just wrote. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli, runProcess } from '../../../../test/helpers/cli.ts';
import { drill, unfinished } from '../../../../test/helpers/drill.ts';

describe('the drill on runbooks other than the built-in plan', () => {
  it('examples/ledger.yaml: exit 0, every step ok, traffic on blue by its own colour label', async () => {
    const r = await drill(['--runbook', join(ROOT, 'examples', 'ledger.yaml'), '--lang', 'en', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(unfinished(r.records)).toEqual([]);
    expect(r.records.filter((x) => x.outcome === 'ok').map((x) => x.step)).toContain('emergency/verify');
    expect(JSON.parse(r.stdout).final.selectors.ledger).toMatchObject({ track: 'blue' });
  }, 240_000);

  it('a runbook init wrote for apps a, b, c: check --strict once the phones are real, the drill, and sim up serves those apps blue and green', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-init-drill-'));
    const file = join(dir, 'shop.yaml');
    const init = await runCli([
      'init',
      '--service',
      'shop',
      '--namespace',
      'shop-prod',
      '--apps',
      'a,b,c',
      '--lang',
      'en',
      '--out',
      file,
    ]);
    expect(init.code, init.stderr).toBe(0);
    // The one decision check --strict insists on: real phone numbers instead of the placeholders.
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll('+1 XXX XXX XXXX', '+1 415 555 0100'));
    const strict = await runCli(['check', '--strict', '--runbook', file]);
    expect(strict.code, strict.stdout + strict.stderr).toBe(0);
    const r = await drill(['--runbook', file, '--lang', 'en']);
    expect(r.code, r.stderr).toBe(0);
    expect(unfinished(r.records)).toEqual([]);
    expect(r.records.filter((x) => x.outcome === 'failed')).toEqual([]);

    const kubeconfig = join(dir, 'kubeconfig');
    const sim = spawn(process.execPath, [BIN, 'sim', 'up', '--runbook', file, '--kubeconfig', kubeconfig], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        sim.stdout!.on('data', (d) => {
          out += d;
          if (out.includes('\n')) resolve();
        });
        sim.once('exit', (code) => reject(new Error(`sim up exited ${code}`)));
      });
      const got = await runProcess(
        'kubectl',
        ['--kubeconfig', kubeconfig, 'get', 'deploy,svc', '-n', 'shop-prod', '-o', 'json'],
        {
          env: process.env,
        },
      );
      expect(got.code, got.stderr).toBe(0);
      const items: Array<{ kind: string; metadata: { name: string; labels?: Record<string, string> } }> =
        JSON.parse(got.stdout).items;
      const deployments = items.filter((i) => i.kind === 'Deployment');
      expect(deployments.map((d) => d.metadata.name).sort()).toEqual(
        ['a', 'b', 'c'].flatMap((app) => [`shop-${app}`, `shop-${app}-blue`]),
      );
      expect(items.filter((i) => i.kind === 'Service')).toHaveLength(3);
    } finally {
      const exited = new Promise((resolve) => sim.once('exit', resolve));
      sim.kill('SIGTERM');
      await exited;
    }
  }, 240_000);
});
