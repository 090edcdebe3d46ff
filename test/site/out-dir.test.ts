/** Outputs per runbook: the site build takes --out DIR, and another runbook never lands in site/dist. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentHash, defaultRunbook, runbookJsonSchema } from '@runbook/core';
import { defaultOutDir } from '@runbook/site/build';
import { describe, expect, it } from 'vitest';
import { runProcess } from '../helpers/cli.ts';
import { DIST, ROOT, SITE } from './helpers/build.ts';

describe('pnpm site --out DIR', () => {
  it('builds the default runbook into DIR, with the runbook JSON Schema beside the pages', async () => {
    const out = mkdtempSync(join(tmpdir(), 'runbook-site-out-'));
    const r = await runProcess(process.execPath, ['lib/cli.mjs', '--out', out], {
      cwd: SITE,
      env: { ...process.env, INIT_CWD: ROOT, RUNBOOK_FILE: '', ASTRO_TELEMETRY_DISABLED: '1' },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toBe(out);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'build.json'), 'utf8')).hash).toBe(
      contentHash(defaultRunbook()),
    );
    expect(JSON.parse(readFileSync(join(out, 'runbook.schema.json'), 'utf8'))).toEqual(runbookJsonSchema());
  }, 300_000);

  it('without --out: site/dist for the default runbook, site/dist-<file name> for another', () => {
    expect(defaultOutDir()).toBe(DIST);
    expect(defaultOutDir('examples/ledger.yaml')).toBe(join(SITE, 'dist-ledger'));
    expect(defaultOutDir('/x/shop.json')).toBe(join(SITE, 'dist-shop'));
  });
});
