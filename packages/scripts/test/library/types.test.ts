/**
 * Issue 13: the library's declarations, as a TypeScript user outside the repository checks against them
 * (strict, Node's ESM resolution): right calls pass, wrong ones fail, by absolute path and by package name.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../../../../test/helpers/cli.ts';
import { buildLibrary, DIST, linkPackage, outsideDir, plainEnv, TSC } from './_outside.ts';

let dir: string;

beforeAll(async () => {
  await buildLibrary();
  dir = await outsideDir('runbook-lib-types-');
  await linkPackage(dir);
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
});

/** A consumer's own settings: strict, as `tsc --init` writes them, nothing from the repository. */
async function check(files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const config = {
    compilerOptions: {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: 'es2022',
      module: 'nodenext',
      moduleResolution: 'nodenext',
      types: [],
    },
    files: Object.keys(files),
  };
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(config));
  return runProcess(process.execPath, [TSC, '-p', dir, '--listFiles'], { cwd: dir, env: plainEnv({}) });
}

const use = (specifier: string) => `import { connect, LEASE_NAME, type VerifyResult } from '${specifier}';

const rb = await connect({ context: 'sim', kubeconfig: '/tmp/kubeconfig', incidentsDir: '/tmp/incidents' });
const switched = await rb.rollback.blueGreen({ to: 'blue' });
const v: VerifyResult = await rb.verify();
const ok: boolean = v.ok;
const namespace: string = rb.runbook.meta.namespace;
const lease: string = LEASE_NAME;
console.log(switched.to, ok, namespace, lease, rb.incident.length);
await rb.close();
`;

describe('the declarations of @runbook/scripts (issue 13)', () => {
  it('type-check a right use, by absolute path and by name, with core, zod and client-node resolved', async () => {
    const r = await check({ 'by-path.ts': use(DIST), 'by-name.ts': use('@runbook/scripts') });
    expect(r.code, r.stdout).toBe(0);
    const loaded = r.stdout.split('\n');
    // An import that does not resolve would be `any` under skipLibCheck and pass silently: each must load.
    for (const file of [
      /\/packages\/scripts\/dist\/index\.d\.mts$/,
      /\/packages\/scripts\/dist\/index\.d\.ts$/,
      /\/dist\/build-[^/]+\/types\/core\/src\/index\.d\.ts$/,
      /\/zod\/.*\.d\.c?ts$/,
      /\/@kubernetes\/client-node\/dist\/index\.d\.ts$/,
      /\/@types\/node\/index\.d\.ts$/,
    ])
      expect(
        loaded.some((f) => file.test(f)),
        String(file),
      ).toBe(true);
    expect(loaded.some((f) => f.includes('/src/') && f.endsWith('.ts') && !f.endsWith('.d.ts'))).toBe(false);
  });

  it('reject a wrong colour and a wrong type of a core field', async () => {
    const wrong = `import { connect } from '@runbook/scripts';

const rb = await connect({ context: 'sim' });
await rb.rollback.blueGreen({ to: 'purple' });
const namespace: number = rb.runbook.meta.namespace;
console.log(namespace);
`;
    const r = await check({ 'wrong.ts': wrong });
    expect(r.code).toBe(2);
    const errors = r.stdout.split('\n').filter((l) => l.includes('error TS'));
    expect(errors).toEqual([
      expect.stringMatching(/^wrong\.ts\(4,31\): error TS2322: Type '"purple"' is not assignable/),
      expect.stringMatching(
        /^wrong\.ts\(5,7\): error TS2322: Type 'string' is not assignable to type 'number'/,
      ),
    ]);
  });
});
