/**
 * `parseOnce()` turns zod's compiled fast path off for the process (the CLI's): the same runbooks must parse to
 * the same result, and the same invalid ones fail with the same problems, with it as without it.
 */
import { describe, expect, it } from 'vitest';
import { builtinPlan, parseOnce, parseRunbook } from '../src/index.ts';

const copy = () => structuredClone(builtinPlan) as unknown as Record<string, any>;

function invalid() {
  const bad = copy();
  bad.criteria[2].threshold = 'high';
  delete bad.meta.namespace;
  bad.contacts[1].email = 'not-an-email';
  bad.procedures[0].steps[0].extra = true;
  return bad;
}

describe('parseOnce', () => {
  it('parses valid and invalid runbooks as the compiled fast path does', () => {
    const now = new Date('2024-02-01');
    const before = [parseRunbook(copy(), { now }), parseRunbook(invalid(), { now })];
    expect(before[0]!.errors).toEqual([]);
    expect(before[1]!.errors.length).toBeGreaterThanOrEqual(3);
    parseOnce();
    const after = [parseRunbook(copy(), { now }), parseRunbook(invalid(), { now })];
    expect(after).toEqual(before);
  });
});
