/** Flags of `verify`, shared with `emergency` (which verifies too). */
import { table, UsageError } from '@runbook/core';
import type { VerifyCheck, VerifyOptions } from '@runbook/scripts';
import { defineFlags, type ParsedFlags } from '../define.ts';
import { styles } from '../style.ts';
import { durationFlag, splitArgv } from './_common.ts';

export const VERIFY_FLAGS = defineFlags({
  'critical-tests': {
    type: 'string',
    hint: 'CMD',
    description:
      'Critical-path test command (default: the runbook meta.criticalTests; built-in check on the sim)',
  },
  'skip-critical-tests': { type: 'boolean', description: 'Do not run the critical-path tests' },
  'metrics-window': {
    type: 'string',
    hint: 'DURATION',
    description: 'Measure metrics between two scrapes this far apart (default: one scrape, cumulative)',
  },
});

export function verifyOptions(flags: ParsedFlags<typeof VERIFY_FLAGS>): VerifyOptions {
  const cmd = flags['critical-tests'];
  if (cmd !== undefined && flags['skip-critical-tests'])
    throw new UsageError('--critical-tests and --skip-critical-tests exclude each other');
  return {
    criticalTests: flags['skip-critical-tests']
      ? null
      : cmd !== undefined
        ? splitArgv(cmd, '--critical-tests')
        : undefined,
    metricsWindowMs: durationFlag(flags, 'metrics-window', 0),
  };
}

/** The pass/fail table. */
export function checksTable(checks: VerifyCheck[], color: boolean): string {
  const s = styles(color);
  const mark = (st: string) => (st === 'PASS' ? s.green(st) : st === 'FAIL' ? s.red(st) : s.dim(st));
  return table(
    checks.map((c) => [c.check, c.app ?? '', mark(c.status), c.detail]),
    ['check', 'app', 'result', 'detail'],
  );
}
