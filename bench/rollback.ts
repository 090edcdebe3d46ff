/**
 * `rollback blue-green` and `emergency` against the plan's own bash versions, in one run, on the same sim:
 * its kubectl commands through a temp kubeconfig, its sleeps as written (sleep 5, sleep 10), its public curl
 * URLs replaced by the sim's service URLs. Also the CLI's cold start against bare node.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentBundles } from '../packages/cli/bin/build.mjs';
import { defaultRunbook } from '../packages/core/src/index.ts';
import { startRunbookSim } from '../test/helpers/sim.ts';
import { forgetCache } from '../tools/code-cache.mjs';
import { type BenchRow, timeMedian } from './types.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'packages', 'cli', 'bin', 'runbook.mjs');
const NS = 'topsteel-marketplace';

/** When the last `run` printed its first byte (stdout or stderr), in ms from its start: what a person sees first. */
let firstOutputMs = Number.NaN;

/** Async, never spawnSync: the sim answering the child lives in this process's event loop. */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd = root): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    firstOutputMs = Number.NaN;
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    const seen = () => {
      if (Number.isNaN(firstOutputMs)) firstOutputMs = performance.now() - started;
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', (d) => {
      seen();
      err += d;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err}`)),
    );
  });
}

/** The plan's scripts, as written but for the URLs. */
function planScripts(dir: string, api: string, web: string): void {
  const files: Record<string, string> = {
    'capture-state.sh': `#!/bin/bash
kubectl get deployments -n ${NS}
kubectl get pods -n ${NS}
kubectl describe service marketplace-api-service -n ${NS}
kubectl logs -l app=marketplace-api --tail=1000 > api-logs-$(date +%Y%m%d-%H%M%S).log
kubectl logs -l app=marketplace-web --tail=1000 > web-logs-$(date +%Y%m%d-%H%M%S).log
kubectl get all -n ${NS} -o yaml > current-state-$(date +%Y%m%d-%H%M%S).yaml
`,
    'rollback-blue-green.sh': `#!/bin/bash
echo "Initiating Blue-Green Rollback..."
kubectl patch service marketplace-api-service -n ${NS} -p '{"spec":{"selector":{"version":"blue"}}}'
kubectl patch service marketplace-web-service -n ${NS} -p '{"spec":{"selector":{"version":"blue"}}}'
echo "Traffic switched to Blue deployment"
sleep 5
kubectl get endpoints -n ${NS}
curl -f ${api}/health || echo "API health check failed"
curl -f ${web} || echo "Web health check failed"
`,
    'verify-rollback.sh': `#!/bin/bash
echo "Verifying rollback..."
curl -s ${api}/health
curl -s ${web}/health
curl -s ${api}/metrics | grep http_request_duration
kubectl logs -l app=marketplace-api --tail=100 -n ${NS} | grep ERROR || echo "No errors found"
# npm run test:critical: the sim has none; its equivalent, the critical path through the service:
curl -sf ${api}/api/products > /dev/null && curl -sf -X POST ${api}/api/payments > /dev/null
`,
    'emergency-rollback.sh': `#!/bin/bash
set -e
echo "EMERGENCY ROLLBACK INITIATED"
curl -X POST $SLACK_WEBHOOK -d '{"text":"Emergency rollback initiated"}'
./capture-state.sh
./rollback-blue-green.sh
sleep 10
./verify-rollback.sh
if [ $? -eq 0 ]; then
  curl -X POST $SLACK_WEBHOOK -d '{"text":"Rollback completed successfully"}'
else
  curl -X POST $SLACK_WEBHOOK -d '{"text":"Rollback verification failed - manual intervention required"}'
  exit 1
fi
`,
  };
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text);
    chmodSync(join(dir, name), 0o755);
  }
}

/** Measures both procedures and the cold start; see the module comment. */
export async function benchRollback(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-rollback-'));
  const hook = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  const webhook = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
  const sim = await startRunbookSim(defaultRunbook(), {
    kubeconfig: join(dir, 'kubeconfig'),
    faults: { green: { errorRate: 0.2 } },
  });
  const env = { KUBECONFIG: sim.kubeconfig, SLACK_WEBHOOK: webhook, HOME: dir };
  planScripts(dir, sim.services['marketplace-api-service']!, sim.services['marketplace-web-service']!);
  const reset = async () => {
    for (const svc of ['marketplace-api-service', 'marketplace-web-service']) {
      const res = await fetch(`${sim.server}/api/v1/namespaces/${NS}/services/${svc}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/merge-patch+json' },
        body: '{"spec":{"selector":{"version":"green"}}}',
      });
      if (!res.ok) throw new Error(`reset ${svc}: ${res.status}`);
    }
  };
  const cli = ['--yes', '--incidents-dir', join(dir, 'incidents')];
  try {
    await run(process.execPath, [bin, '--help'], {}); // builds the bundle if stale, outside the measurement
    const bare = await timeMedian(9, () => run(process.execPath, ['-e', '0'], {}));
    const help = await timeMedian(9, () => run(process.execPath, [bin, '--help'], {}));
    const timed = (fn: () => Promise<void>) => timeMedian(1, fn);
    const repeat = async (n: number, fn: () => Promise<void>) => {
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        await reset();
        times.push(await timed(fn));
      }
      return times.sort((a, b) => a - b)[Math.floor(n / 2)]!;
    };
    const firsts: number[] = [];
    const ours = await repeat(5, async () => {
      await run(process.execPath, [bin, 'rollback', 'blue-green', '--to', 'blue', ...cli], env);
      firsts.push(firstOutputMs);
    });
    const firstOutput = firsts.sort((a, b) => a - b)[Math.floor(firsts.length / 2)]!;
    // A command's first run after a build has only the bundle's base code cache; it saves its own.
    const firstAfterBuild = await repeat(3, async () => {
      forgetCache(currentBundles().cli, 'rollback');
      await run(process.execPath, [bin, 'rollback', 'blue-green', '--to', 'blue', ...cli], env);
    });
    // The switch alone, as two raw kubectl calls: the floor of any tool that patches both services.
    const patch = (svc: string) =>
      run(
        'kubectl',
        ['patch', 'service', svc, '-n', NS, '-p', '{"spec":{"selector":{"version":"blue"}}}'],
        env,
      );
    const rawPatches = await repeat(5, async () => {
      await patch('marketplace-api-service');
      await patch('marketplace-web-service');
    });
    const plan = await repeat(3, () => run('bash', ['./rollback-blue-green.sh'], env, dir));
    const oursEmergency = await repeat(5, () => run(process.execPath, [bin, 'emergency', ...cli], env));
    const planEmergency = await repeat(3, () => run('bash', ['./emergency-rollback.sh'], env, dir));
    return [
      {
        name: 'rollback blue-green, switched and verified',
        value: ours,
        unit: 'ms',
        baseline: plan,
        baselineName: 'plan rollback-blue-green.sh',
        target: Math.min(1000, 0.2 * plan),
      },
      {
        name: 'rollback blue-green, switched and verified (CLI, cold process)',
        value: ours,
        unit: 'ms',
        baseline: rawPatches,
        baselineName: '2 raw kubectl patch',
        target: 300,
      },
      {
        name: "rollback blue-green, a command's first run after a build (base code cache only)",
        value: firstAfterBuild,
        unit: 'ms',
        baseline: ours,
        baselineName: 'later runs (its own code cache)',
      },
      {
        name: 'rollback blue-green, first output line',
        value: firstOutput,
        unit: 'ms',
        baseline: rawPatches,
        baselineName: '2 raw kubectl patch',
        target: 150,
      },
      {
        name: 'emergency, notified, switched and verified',
        value: oursEmergency,
        unit: 'ms',
        baseline: planEmergency,
        baselineName: 'plan emergency-rollback.sh',
      },
      {
        name: 'runbook --help cold start',
        value: help,
        unit: 'ms',
        baseline: bare,
        baselineName: 'node -e 0',
        target: Math.min(100, 1.6 * bare),
      },
    ];
  } finally {
    await sim.stop();
    await new Promise((r) => hook.close(r));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const row of await benchRollback()) {
    console.log(
      `${row.name}: ${row.value.toFixed(0)} ${row.unit} (baseline ${row.baselineName}: ${row.baseline.toFixed(0)} ${row.unit}, ratio ${(row.value / row.baseline).toFixed(3)})`,
    );
  }
}
