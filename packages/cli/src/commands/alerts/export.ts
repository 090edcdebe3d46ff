import { writeFile } from 'node:fs/promises';
import { EXIT, RunbookError, UsageError } from '@runbook/core';
import { defineCommand } from '../../define.ts';

export default defineCommand({
  name: 'alerts export',
  description:
    'Write the Prometheus rule file (YAML): one alert per metric criterion, plus the plan alerts of their own.',
  details: `Each alert carries expr, for (the criterion window), severity labels, and the summary, description,
action and runbook_url annotations. Annotations follow --lang. With --check the file is passed to
'promtool check rules' too (exit 4 when it fails).`,
  flags: {
    out: { type: 'string', short: 'o', hint: 'FILE', description: 'Write to FILE instead of stdout' },
    check: { type: 'boolean', description: 'Run promtool check rules on the result' },
  },
  async run(ctx, flags) {
    const out = flags.out;
    if (out === '') throw new UsageError('--out: expected a file path');
    const { alertRulesYaml, checkRules } = await import('@runbook/scripts');
    const yaml = alertRulesYaml(ctx.runbook(), ctx.lang);
    if (out) {
      try {
        await writeFile(out, yaml);
      } catch (err) {
        throw new UsageError(
          `--out: cannot write "${out}" (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
        );
      }
      ctx.err(`wrote ${out}`);
    } else {
      ctx.out(yaml.trimEnd());
    }
    if (!flags.check) return EXIT.ok;
    let file = out;
    let cleanup = async () => {};
    if (!file) {
      const { mkdtemp, rm } = await import('node:fs/promises');
      const { join } = await import('node:path');
      const { tmpdir } = await import('node:os');
      const dir = await mkdtemp(join(tmpdir(), 'runbook-rules-'));
      file = join(dir, 'rules.yml');
      await writeFile(file, yaml);
      cleanup = () => rm(dir, { recursive: true, force: true });
    }
    try {
      const result = await checkRules(file, ctx.env);
      for (const line of result.output.split('\n')) ctx.err(line);
      if (!result.ok)
        throw new RunbookError(
          'E_RULES',
          'promtool check rules failed on the generated file',
          EXIT.verification,
        );
      return EXIT.ok;
    } finally {
      await cleanup();
    }
  },
});
