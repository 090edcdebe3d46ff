/**
 * The layout rules `pnpm lint` enforces through biome.json: no import cycles (type-only ones included), and
 * a `_` file imported only by its own folder (lint/private-imports.grit).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runProcess } from '../helpers/cli.ts';

const BIOME = join(ROOT, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
const ONLY = ['--only=plugin', '--only=suspicious/noImportCycles'];

function biomeLint(cwd: string) {
  return runProcess(process.execPath, [BIOME, 'lint', '--colors=off', ...ONLY, '.'], {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
  });
}

const FIXTURE: Record<string, string> = {
  'src/a/_private.ts': 'export const secret = 1;\n',
  'src/a/public.ts': "import { secret } from './_private.ts';\n\nexport const shown = secret;\n",
  'src/b/sub/_deep.ts': 'export const deep = 1;\n',
  'src/b/reach.ts': [
    "import { secret } from '../a/_private.ts';",
    "import { shown } from '../a/public.ts';",
    '',
    'export const leaked = secret + shown;',
    "export const later = () => import('./sub/_deep.ts');",
    '',
  ].join('\n'),
  'src/c/one.ts': "import type { Two } from './two.ts';\n\nexport interface One {\n  two?: Two;\n}\n",
  'src/c/two.ts': "import type { One } from './one.ts';\n\nexport interface Two {\n  one?: One;\n}\n",
};

describe('layout lint on a fixture', () => {
  let dir: string;
  let output: string;
  let code: number | null;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'runbook-lint-'));
    // The repository's own rules and plugin, so that dropping either from biome.json fails here.
    const config = JSON.parse(await readFile(join(ROOT, 'biome.json'), 'utf8'));
    const plugins = (config.plugins as string[]).map((p) => join(ROOT, p));
    await writeFile(join(dir, 'biome.json'), JSON.stringify({ plugins, linter: config.linter }));
    for (const [file, text] of Object.entries(FIXTURE)) {
      await mkdir(dirname(join(dir, file)), { recursive: true });
      await writeFile(join(dir, file), text);
    }
    const r = await biomeLint(dir);
    code = r.code;
    output = r.stdout + r.stderr;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('fails', () => {
    expect(code, output).not.toBe(0);
  });

  it('names the file and specifier of an import of another folder’s _ file, static or dynamic', () => {
    expect(output).toMatch(/src\/b\/reach\.ts:1:24 plugin/);
    expect(output).toContain("imports '../a/_private.ts', a _ file of another folder");
    expect(output).toMatch(/src\/b\/reach\.ts:5:35 plugin/);
    expect(output).toContain("imports './sub/_deep.ts', a _ file of another folder");
  });

  it('lets a folder import its own _ file, and anyone import a public one', () => {
    expect(output).not.toContain('src/a/public.ts');
    expect(output).not.toMatch(/src\/b\/reach\.ts:2:\d+/);
  });

  it('reports a cycle of type-only imports on both files', () => {
    expect(output).toMatch(/src\/c\/one\.ts:1:\d+ lint\/suspicious\/noImportCycles/);
    expect(output).toMatch(/src\/c\/two\.ts:1:\d+ lint\/suspicious\/noImportCycles/);
  });
});

describe('layout lint on the repository', () => {
  it('finds no cycle and no import of another folder’s _ file', async () => {
    const r = await biomeLint(ROOT);
    const output = r.stdout + r.stderr;
    expect(output).not.toContain('a _ file of another folder');
    expect(output).not.toContain('noImportCycles');
    expect(r.code, output).toBe(0);
    // The run looked at the tree: it names how many files it checked.
    expect(output).toMatch(/Checked [1-9]\d* files/);
  });
});
