import { EXIT } from '@runbook/core';
import { defineCommand } from '../../define.ts';
import { printData } from '../../output.ts';

export default defineCommand({
  name: 'alerts test',
  description: 'Generate promtool unit tests from the criteria and run them against the exported rules.',
  details: `For each alert: it fires just past its threshold and stays silent just inside it, and an alert with a
window stays silent one minute before the window has elapsed and fires once it has. Needs promtool
(Debian package prometheus). Exit 4 when a test fails; the files are kept and their directory printed.`,
  flags: {
    keep: { type: 'boolean', description: 'Keep the generated rule and test files, and print where' },
    json: { type: 'boolean', description: 'Print the result as JSON' },
  },
  async run(ctx, flags) {
    const { testAlertRules } = await import('@runbook/scripts');
    const result = await testAlertRules(ctx.runbook(), {
      lang: ctx.lang,
      keep: Boolean(flags.keep),
      env: ctx.env,
    });
    const ok = result.check.ok && result.test.ok;
    if (flags.json) {
      printData(ctx.out, flags, { ok, ...result }, 2);
    } else {
      ctx.out(`promtool check rules: ${result.check.ok ? 'ok' : 'FAILED'}`);
      ctx.out(`promtool test rules: ${result.test.ok ? 'ok' : 'FAILED'} (${result.tests} generated tests)`);
      for (const s of result.skipped) ctx.out(`  skipped ${s}`);
      if (!ok)
        for (const line of (result.check.ok ? result.test.output : result.check.output).split('\n'))
          ctx.out(`  ${line}`);
      if (result.dir) ctx.out(`files: ${result.dir}`);
    }
    return ok ? EXIT.ok : EXIT.verification;
  },
});
