/** Patch semantics, checked against what the API server does for the same bodies. */
import { describe, expect, it } from 'vitest';
import { applyPatch, jsonPatch, mergePatch } from '../src/patch.ts';
import { strategicMerge } from '../src/strategic-merge.ts';

const pod = {
  metadata: { name: 'p', labels: { app: 'a', tier: 'web' }, finalizers: ['a'] },
  spec: {
    containers: [
      {
        name: 'api',
        image: 'api:1',
        ports: [{ containerPort: 3000, protocol: 'TCP' }],
        env: [{ name: 'A', value: '1' }],
      },
      { name: 'sidecar', image: 'side:1' },
    ],
    volumes: [{ name: 'v1', emptyDir: {} }],
  },
};

describe('merge patch (RFC 7386)', () => {
  it('merges maps, replaces lists and deletes with null', () => {
    const out = mergePatch(pod, {
      metadata: { labels: { tier: null, x: 'y' } },
      spec: { containers: [{ name: 'only' }] },
    });
    expect(out).toMatchObject({
      metadata: { labels: { app: 'a', x: 'y' } },
      spec: { containers: [{ name: 'only' }] },
    });
    expect((out as typeof pod).metadata.labels).not.toHaveProperty('tier');
  });
});

describe('strategic merge patch', () => {
  it('merges containers by name and keeps $setElementOrder', () => {
    const out = strategicMerge(pod, {
      spec: {
        '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'api' }],
        containers: [{ name: 'api', image: 'api:2' }],
      },
    }) as typeof pod;
    expect(out.spec.containers.map((c) => c.name)).toEqual(['sidecar', 'api']);
    expect(out.spec.containers[1]).toMatchObject({
      image: 'api:2',
      ports: [{ containerPort: 3000 }],
      env: [{ name: 'A' }],
    });
  });

  it('merges env by name, ports by containerPort, and appends new items', () => {
    const out = strategicMerge(pod, {
      spec: {
        containers: [{ name: 'api', env: [{ name: 'B', value: '2' }], ports: [{ containerPort: 9090 }] }],
      },
    }) as typeof pod;
    expect(out.spec.containers[0]!.env!.map((e) => e.name)).toEqual(['A', 'B']);
    expect(out.spec.containers[0]!.ports!.map((p) => p.containerPort)).toEqual([3000, 9090]);
  });

  it('honours $patch delete and replace, null, finalizers and $deleteFromPrimitiveList', () => {
    const out = strategicMerge(pod, {
      metadata: { labels: { tier: null }, finalizers: ['b'], '$deleteFromPrimitiveList/finalizers': ['a'] },
      spec: {
        containers: [{ name: 'sidecar', $patch: 'delete' }],
        volumes: [{ name: 'v2' }, { $patch: 'replace' }],
      },
    }) as typeof pod;
    expect(out.metadata.labels).toEqual({ app: 'a' });
    expect(out.metadata.finalizers).toEqual(['b']);
    expect(out.spec.containers.map((c) => c.name)).toEqual(['api']);
    expect(out.spec.volumes).toEqual([{ name: 'v2' }]);
  });

  it('rejects a list item without its merge key', () => {
    expect(() => strategicMerge(pod, { spec: { containers: [{ image: 'x' }] } })).toThrow(/merge key: name/);
  });
});

describe('JSON patch (RFC 6902)', () => {
  it('applies add, remove, replace, move, copy and test', () => {
    const out = jsonPatch(pod, [
      { op: 'test', path: '/metadata/name', value: 'p' },
      { op: 'replace', path: '/spec/containers/0/image', value: 'api:3' },
      { op: 'add', path: '/metadata/labels/new', value: 'v' },
      { op: 'remove', path: '/metadata/labels/tier' },
      { op: 'copy', from: '/metadata/labels/app', path: '/metadata/labels/copy' },
      { op: 'move', from: '/metadata/labels/copy', path: '/metadata/labels/moved' },
      { op: 'add', path: '/spec/volumes/-', value: { name: 'v3' } },
    ]) as typeof pod;
    expect(out.spec.containers[0]!.image).toBe('api:3');
    expect(out.metadata.labels).toEqual({ app: 'a', new: 'v', moved: 'a' });
    expect(out.spec.volumes.map((v) => v.name)).toEqual(['v1', 'v3']);
    expect(pod.spec.containers[0]!.image).toBe('api:1');
  });

  it('fails a test op with 422 and a missing path with 422, bad JSON with 400', () => {
    expect(() => jsonPatch(pod, [{ op: 'test', path: '/metadata/name', value: 'q' }])).toThrow(
      expect.objectContaining({ code: 422 }),
    );
    expect(() => jsonPatch(pod, [{ op: 'replace', path: '/nope/x', value: 1 }])).toThrow(
      expect.objectContaining({ code: 422 }),
    );
    expect(() => applyPatch(pod, 'application/json-patch+json', '[{')).toThrow(
      expect.objectContaining({ code: 400 }),
    );
    expect(() => applyPatch(pod, 'application/apply-patch+yaml', '{}')).toThrow(
      expect.objectContaining({ code: 415 }),
    );
  });
});
