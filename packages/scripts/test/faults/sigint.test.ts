/** SIGINT while an API call hangs: the in-flight request is aborted and the run ends with 130, journaled. */
import { afterEach, describe, expect, it } from 'vitest';
import { type Faulty, faultySim, interruptedSwitch, journalOf, SERVICES } from './setup.ts';

let f: Faulty | undefined;
afterEach(async () => {
  await f?.stop();
  f = undefined;
});

describe('SIGINT during a hung API call', () => {
  it('a hung PATCH of the switch: exit 130, the interruption journaled with the commands to put traffic back', async () => {
    f = await faultySim([{ method: 'PATCH', path: SERVICES, action: { kind: 'hang' } }]);
    const { code, stderr } = await interruptedSwitch(f);
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/^error: interrupted by SIGINT/m);
    expect(stderr).toMatch(/traffic may be half switched/);
    expect(stderr).toContain('kubectl patch service marketplace-api-service');
    const journal = await journalOf(f.dir);
    expect(journal.find((l) => l.step === 'switch-traffic' && l.outcome === 'failed')?.details).toMatchObject(
      {
        code: 'E_INTERRUPTED',
      },
    );
    expect(journal.at(-1)).toMatchObject({ step: 'run', outcome: 'failed', details: { exitCode: 130 } });
  });
});
