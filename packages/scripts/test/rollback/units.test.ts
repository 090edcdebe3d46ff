/** Metrics parsing, the journal on disk, redaction, GitOps detection, kubectl's rollout logic. */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { V1MicroTime } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { leaseModel } from '../../src/adapters/lease-model.ts';
import { computeSignals, histogramQuantile, parsePrometheusText } from '../../src/adapters/metrics.ts';
import { planUndo, rolloutStatus } from '../../src/adapters/rollout.ts';
import { detectGitOps } from '../../src/gitops.ts';
import { Journal } from '../../src/journal.ts';
import { createRedactor } from '../../src/redact.ts';

const scrape = (ok: number, err: number, buckets: number[]) => `# TYPE http_requests_total counter
http_requests_total{code="200",route="/"} ${ok}
http_requests_total{code="500",route="/"} ${err}
http_request_duration_seconds_bucket{le="0.1"} ${buckets[0]}
http_request_duration_seconds_bucket{le="1"} ${buckets[1]}
http_request_duration_seconds_bucket{le="+Inf"} ${buckets[2]}
payment_attempts_total{app="a"} 10
payment_failures_total{app="a"} 3
`;

describe('metrics', () => {
  it('parses the exposition, labels with escapes included', () => {
    const s = parsePrometheusText(
      '# HELP x y\nfoo{a="b\\"c",le="+Inf"} 3 1700000000\nbar 2.5\nbad line here\n',
    );
    expect(s).toEqual([
      { name: 'foo', labels: { a: 'b"c', le: '+Inf' }, value: 3 },
      { name: 'bar', labels: {}, value: 2.5 },
    ]);
  });

  it('P95 interpolates as histogram_quantile does', () => {
    // 100 requests: 50 ≤ 0.1 s, 100 ≤ 1 s. Rank 95 lies in (0.1, 1]: 0.1 + 0.9 × 45/50 = 0.91.
    expect(histogramQuantile(0.95, parsePrometheusText(scrape(0, 0, [50, 100, 100])))).toBeCloseTo(0.91, 6);
    // Rank beyond the last finite bucket: its upper bound.
    expect(histogramQuantile(0.95, parsePrometheusText(scrape(0, 0, [10, 20, 100])))).toBe(1);
  });

  it('one scrape gives cumulative ratios, two give the window between them', () => {
    const one = computeSignals(scrape(90, 10, [50, 100, 100]));
    expect(one).toMatchObject({
      errorRate: 0.1,
      availability: 0.9,
      paymentFailureRatio: 0.3,
      basis: 'cumulative',
    });
    const two = computeSignals(scrape(190, 10, [150, 200, 200]), scrape(90, 10, [50, 100, 100]));
    expect(two.errorRate).toBe(0);
    expect(two.basis).toBe('window');
    expect(computeSignals(scrape(90, 10, [1, 1, 1]), scrape(90, 10, [1, 1, 1])).basis).toBe('cumulative');
  });
});

describe('journal', () => {
  it('writes each record to disk at once, redacts secrets, and resume skips completed steps', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'journal-'));
    const secret = 'https://hooks.slack.com/services/T/B/XYZ';
    const j = await Journal.open({ baseDir: dir, command: 'emergency', redact: createRedactor([secret]) });
    await j.step('one', { webhook: secret, password: 'p', note: `url ${secret}` }, async () => ({
      version: 'v1.2.3',
    }));
    const onDisk = await readFile(j.path, 'utf8');
    expect(
      onDisk
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).outcome),
    ).toEqual(['started', 'started', 'ok']);
    expect(onDisk).not.toContain('XYZ');
    expect(JSON.parse(onDisk.split('\n')[2]!).inputs).toEqual({
      webhook: '[redacted]',
      password: '[redacted]',
      note: 'url [redacted]',
    });
    await expect(j.step('two', {}, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await j.close('failed');

    const again = await Journal.open({ baseDir: dir, command: 'emergency', resume: j.id });
    let ran = 0;
    const d = await again.step('one', {}, async () => {
      ran++;
      return { version: 'other' };
    });
    expect(ran).toBe(0);
    expect(d).toEqual({ version: 'v1.2.3' });
    await again.step('two', {}, async () => ({ done: true }));
    await again.close('ok');
    expect(again.startedAt.toISOString()).toBe(j.startedAt.toISOString());
    await expect(Journal.open({ baseDir: dir, command: 'verify', resume: j.id })).rejects.toThrow(
      /ran "emergency"/,
    );
    await expect(Journal.open({ baseDir: dir, command: 'x', resume: '../etc' })).rejects.toThrow(
      /incident id/,
    );
  });

  it('on resume, a check runs again and an effect is skipped only while present() says it is in place', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'journal-'));
    const j = await Journal.open({ baseDir: dir, command: 'rollback' });
    await j.check('ready', {}, () => ({ ready: 3 }));
    await j.effect(
      'kept',
      {},
      () => false,
      () => ({ done: 1 }),
    );
    await j.effect(
      'gone',
      {},
      () => false,
      () => ({ done: 1 }),
    );
    await j.close('ok');

    const again = await Journal.open({ baseDir: dir, command: 'rollback', resume: j.id });
    expect(await again.check('ready', {}, () => ({ ready: 0 }))).toEqual({ ready: 0 });
    const seen: unknown[] = [];
    const present = (d: Record<string, unknown>) => {
      seen.push(d);
      return true;
    };
    expect(await again.effect('kept', {}, present, () => ({ done: 2 }))).toEqual({ done: 1 });
    expect(seen).toEqual([{ done: 1 }]);
    expect(
      await again.effect(
        'gone',
        {},
        () => false,
        () => ({ done: 2 }),
      ),
    ).toEqual({ done: 2 });
    await again.close('ok');
    const resumed = again
      .history()
      .slice(again.history().findLastIndex((r) => r.step === 'run' && r.outcome === 'started'));
    expect(resumed.map((r) => `${r.step}:${r.outcome}`)).toEqual([
      'run:started',
      'ready:started',
      'ready:ok',
      'kept:skipped',
      'gone:started',
      'gone:ok',
      'run:ok',
    ]);
    expect(resumed.find((r) => r.step === 'gone')?.details).toMatchObject({ redo: true });
  });
});

describe('gitops', () => {
  it('names what to pause for Argo CD and Flux', () => {
    const f = detectGitOps([
      { metadata: { name: 'a', labels: { 'argocd.argoproj.io/instance': 'marketplace' } } },
      {
        metadata: {
          name: 'b',
          labels: {
            'kustomize.toolkit.fluxcd.io/name': 'apps',
            'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
          },
        },
      },
      {
        metadata: {
          name: 'c',
          labels: { 'app.kubernetes.io/instance': 'x' },
          annotations: { 'argocd.argoproj.io/tracking-id': 'shop:apps/Deployment:ns/c' },
        },
      },
      { metadata: { name: 'd', labels: { app: 'plain' } } },
    ]);
    expect(f.map((x) => x.pause)).toEqual([
      'argocd app set marketplace --sync-policy none',
      'flux suspend kustomization apps -n flux-system',
      'argocd app set shop --sync-policy none',
    ]);
  });
});

describe('kubectl rollout logic', () => {
  const uid = 'u1';
  const rs = (rev: number, image: string) => ({
    metadata: {
      name: `d-${rev}`,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'd', controller: true, uid }],
      annotations: { 'deployment.kubernetes.io/revision': String(rev), note: `r${rev}` },
    },
    spec: {
      selector: { matchLabels: { app: 'd' } },
      template: {
        metadata: { labels: { app: 'd', 'pod-template-hash': `h${rev}` } },
        spec: { containers: [{ name: 'c', image }] },
      },
    },
  });
  const d = {
    metadata: { name: 'd', uid, annotations: { 'deployment.kubernetes.io/revision': '3' } },
    spec: {
      selector: { matchLabels: { app: 'd' } },
      template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'i:3' }] } },
    },
  };
  it('undo goes to the previous revision, strips the hash label, copies annotations as kubectl', () => {
    const p = planUndo(d, [
      rs(1, 'i:1'),
      rs(2, 'i:2'),
      rs(3, 'i:3'),
      { ...rs(9, 'x'), metadata: { ...rs(9, 'x').metadata, ownerReferences: [] } },
    ]);
    expect(p).toMatchObject({ fromRevision: 3, toRevision: 2, toImage: 'i:2', noop: false });
    expect(p.template.metadata?.labels).toEqual({ app: 'd' });
    expect(p.annotations).toEqual({ 'deployment.kubernetes.io/revision': '3', note: 'r2' });
    expect(() => planUndo(d, [rs(3, 'i:3')])).toThrow(/no rollout history/);
    expect(() => planUndo(d, [rs(2, 'i:2'), rs(3, 'i:3')], 7)).toThrow(/unable to find revision 7/);
  });
  it('status follows kubectl rollout status', () => {
    const base = {
      metadata: { name: 'd', generation: 2 },
      spec: { replicas: 3, selector: {}, template: {} },
    };
    expect(rolloutStatus({ ...base, status: { observedGeneration: 1 } }).message).toMatch(
      /spec update to be observed/,
    );
    expect(
      rolloutStatus({ ...base, status: { observedGeneration: 2, updatedReplicas: 1, replicas: 4 } }).message,
    ).toMatch(/1 out of 3 new replicas/);
    expect(
      rolloutStatus({ ...base, status: { observedGeneration: 2, updatedReplicas: 3, replicas: 4 } }).message,
    ).toMatch(/1 old replicas are pending/);
    expect(
      rolloutStatus({
        ...base,
        status: { observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 2 },
      }).message,
    ).toMatch(/2 of 3 updated/);
    expect(
      rolloutStatus({
        ...base,
        status: { observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 3 },
      }).done,
    ).toBe(true);
    expect(
      rolloutStatus({
        ...base,
        status: {
          observedGeneration: 2,
          conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
        },
      }).failed,
    ).toBe(true);
  });
});

describe('leaseModel', () => {
  it('gives client-node its V1Lease and keeps the wire the same: microsecond times, other fields as they were', () => {
    const lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'runbook-rollback', resourceVersion: '7', creationTimestamp: '2026-01-02T03:04:05Z' },
      spec: {
        holderIdentity: 'alice@host/1',
        acquireTime: '2026-01-02T03:04:05.123000Z',
        renewTime: '2026-01-02T03:04:06.456000Z',
        leaseDurationSeconds: 120,
      },
    };
    const model = leaseModel(lease, V1MicroTime);
    expect(model.spec?.renewTime).toBeInstanceOf(Date);
    const wire = JSON.parse(JSON.stringify(model));
    expect(wire.spec).toEqual(lease.spec);
    expect(wire.metadata).toEqual({ ...lease.metadata, creationTimestamp: '2026-01-02T03:04:05.000Z' });
  });
});
