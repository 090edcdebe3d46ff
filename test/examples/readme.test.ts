/** The README's "Scripting with zx" section against what it documents: the example file and the library's exports. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as library from '../../packages/scripts/src/index.ts';
import { ROOT } from '../helpers/cli.ts';

async function section(): Promise<string> {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('## Scripting with zx');
  expect(start).toBeGreaterThan(-1);
  return readme.slice(start, readme.indexOf('\n## ', start + 1));
}

describe('README, Scripting with zx', () => {
  it('shows examples/zx/blue-green.mjs inline, exactly as the file is', async () => {
    const text = await section();
    const first = text.slice(text.indexOf('### The first example'));
    const inline = /```js\n([\s\S]*?)```/.exec(first)?.[1];
    expect(inline).toBe(await readFile(join(ROOT, 'examples', 'zx', 'blue-green.mjs'), 'utf8'));
  });

  it('names every function and value the library exports in a row of its table', async () => {
    const text = await section();
    const rows = text
      .slice(text.indexOf("### The library's public functions"))
      .split('\n')
      .filter((line) => line.startsWith('| `'));
    // A name counts when a row's first cell shows it in code: `connect(options?)`, `EXIT`, `Journal.open(…)`.
    const named = (name: string) =>
      rows.some((row) => new RegExp(`\`${name}[(.\`,]`).test(row.split(' | ')[0]!));
    expect(Object.keys(library).filter((name) => !named(name))).toEqual([]);
  });
});
