/** `status --watch` piped on several clusters: which blocks a reading prints again. */
import { describe, expect, it } from 'vitest';
import { changedBlocks, type StatusBlock } from '../../src/render/status.ts';

const block = (cluster: string | null, traffic: string, elapsed = '1.2 s'): StatusBlock => ({
  cluster,
  text: `${cluster ? `cluster ${cluster}\n` : ''}incident x · running for ${elapsed}\napi  svc  ${traffic}`,
});

describe('changedBlocks', () => {
  it('prints every block the first time, then only those of the clusters that changed', () => {
    const last = new Map<string | null, string>();
    const first = [block('eu-west', 'green'), block('us-east', 'green')];
    expect(changedBlocks(first, last)).toEqual(first);
    expect(
      changedBlocks([block('eu-west', 'green', '3.4 s'), block('us-east', 'green', '3.4 s')], last),
    ).toEqual([]);
    const moved = block('us-east', 'blue', '5.0 s');
    expect(changedBlocks([block('eu-west', 'green', '5.0 s'), moved], last)).toEqual([moved]);
    expect(changedBlocks([block('eu-west', 'green'), block('us-east', 'blue')], last)).toEqual([]);
  });

  it('treats a single cluster (no name) as one block, as before', () => {
    const last = new Map<string | null, string>();
    expect(changedBlocks([block(null, 'green')], last)).toHaveLength(1);
    expect(changedBlocks([block(null, 'green', '2 min')], last)).toHaveLength(0);
    expect(changedBlocks([block(null, 'blue')], last)).toHaveLength(1);
  });
});
