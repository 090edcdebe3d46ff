/** `pnpm start` from a clean checkout: builds the site and both PDFs, then runs the drill. Expensive (~20-40 s). */
import { existsSync, mkdtempSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliResult, runCli, runProcess } from '../../../test/helpers/cli.ts';

// A clean state of its own: site/dist and print/dist stay as other suites (the browser tests) use them.
const OUT = mkdtempSync(join(tmpdir(), 'runbook-start-out-'));
const SITE_DIST = join(OUT, 'site');
const PDFS = ['fr', 'en'].map((lang) => join(OUT, 'pdf', `runbook-${lang}.pdf`));

/** `pnpm start` as a person types it, with vitest's own variables removed from the environment. */
function pnpmStart(args: string[], extraEnv: Record<string, string>): Promise<CliResult> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(VITEST.*|TEST|NODE_ENV|DEV|PROD|MODE|SSR|BASE_URL)$/.test(k),
    ),
  );
  return runProcess('pnpm', ['start', ...args], { env: { ...env, NO_COLOR: '1', ...extraEnv } });
}

describe('pnpm start', () => {
  it('from a clean state builds the site and both PDFs, runs the drill, and the PDFs pass print-check', async () => {
    expect(existsSync(SITE_DIST)).toBe(false);
    const incidents = await mkdtemp(join(tmpdir(), 'runbook-start-'));
    const r = await pnpmStart(['--incidents-dir', incidents], {
      RUNBOOK_SITE_DIR: SITE_DIST,
      RUNBOOK_PDF_DIR: join(OUT, 'pdf'),
    });
    expect(r.stderr).toContain('building the docs site');
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    expect(existsSync(join(SITE_DIST, 'index.html'))).toBe(true);
    // A built site only works served (issue 16): the report says how, not which index.html to open.
    expect(r.stdout).toContain(
      `site        ${SITE_DIST}   (serve it: pnpm site:serve ${SITE_DIST} → http://127.0.0.1:4321/)`,
    );
    for (const pdf of PDFS) {
      expect(existsSync(pdf)).toBe(true);
      expect(r.stdout).toContain(`pdf         ${pdf}`);
      const check = await runCli(['print-check', pdf]);
      expect(check.code, check.stderr).toBe(0);
      expect(check.stdout).toMatch(/: current \(hash [0-9a-f]+/);
    }
    expect(r.stdout).toMatch(/artifacts\s+ok/);
    expect(r.stdout).toMatch(/drill "emergency" went as the plan says/);
  }, 120_000);
});
