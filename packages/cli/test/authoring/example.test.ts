/** The second runbook of the repository (examples/ledger.yaml): checked, printed and built as CI would. */
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRunbook, parseRunbookText } from '@runbook/core';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, runProcess } from '../../../../test/helpers/cli.ts';

const EXAMPLE = join(ROOT, 'examples', 'ledger.yaml');

/** `pnpm print …` as pnpm runs it: in print/, with INIT_CWD the folder pnpm was called from. */
const print = (args: string[]) =>
  runProcess(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: join(ROOT, 'print'),
    env: { ...process.env, INIT_CWD: ROOT, RUNBOOK_FILE: '' },
  });

describe('examples/ledger.yaml', () => {
  it('passes check --strict', async () => {
    const r = await runCli(['check', '--strict', '--runbook', EXAMPLE]);
    expect(r.stdout).toBe('0 error(s), 0 warning(s)\n');
    expect(r.code).toBe(0);
  });

  it('differs from the built-in plan where a copy would not: English only, one app, own names', () => {
    const { runbook } = parseRunbookText(readFileSync(EXAMPLE, 'utf8'));
    const topsteel = defaultRunbook();
    expect(runbook?.meta.languages).toEqual(['en']);
    expect(runbook?.meta.apps.map((a) => a.id)).toEqual(['api']);
    expect(runbook?.meta.namespace).not.toBe(topsteel.meta.namespace);
    const [app] = runbook!.meta.apps;
    expect(app!.port).not.toBe(topsteel.meta.apps[0]!.port);
    expect(app!.labels).not.toEqual(topsteel.meta.apps[0]!.labels);
    expect(app!.colorLabel).not.toBe(topsteel.meta.apps[0]!.colorLabel);
  });

  it('prints to --out DIR, a PDF print-check accepts; the default runbook keeps print/dist', async () => {
    const out = mkdtempSync(join(tmpdir(), 'runbook-example-print-'));
    const defaultPdf = join(ROOT, 'print', 'dist', 'runbook-fr.pdf');
    const before = existsSync(defaultPdf) ? statSync(defaultPdf).mtimeMs : null;
    const r = await print(['--runbook', 'examples/ledger.yaml', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(join(out, 'runbook-en.pdf'));
    const check = await runCli(['print-check', join(out, 'runbook-en.pdf'), '--runbook', EXAMPLE]);
    expect(check.code).toBe(0);
    expect(existsSync(defaultPdf) ? statSync(defaultPdf).mtimeMs : null).toBe(before);
  });

  it('without --out, another runbook prints to print/dist-<name>, not over print/dist', async () => {
    const r = await print(['--runbook', 'examples/ledger.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(join(ROOT, 'print', 'dist-ledger', 'runbook-en.pdf'));
  });
});
