/** The example runbook's site: English only, built into its own folder. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentHash, parseRunbookText } from '@runbook/core';
import { describe, expect, it } from 'vitest';
import { runProcess } from '../helpers/cli.ts';
import { ROOT, SITE } from './helpers/build.ts';

const EXAMPLE = join(ROOT, 'examples', 'ledger.yaml');

describe('examples/ledger.yaml site', () => {
  it('builds into --out DIR from the example, English only, and leaves site/dist alone', async () => {
    const out = mkdtempSync(join(tmpdir(), 'runbook-example-site-'));
    const r = await runProcess(
      process.execPath,
      ['lib/cli.mjs', '--runbook', 'examples/ledger.yaml', '--out', out],
      {
        cwd: SITE,
        env: { ...process.env, INIT_CWD: ROOT, RUNBOOK_FILE: '', ASTRO_TELEMETRY_DISABLED: '1' },
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const runbook = parseRunbookText(readFileSync(EXAMPLE, 'utf8')).runbook!;
    expect(JSON.parse(readFileSync(join(out, 'build.json'), 'utf8')).hash).toBe(contentHash(runbook));
    const home = readFileSync(join(out, 'index.html'), 'utf8');
    expect(home).toContain('Emergency rollback plan - Ledger');
    expect(existsSync(join(out, 'fr'))).toBe(false);
  }, 300_000);
});
