import { checkTemplateVars } from '@runbook/core';
import { writePostmortem } from '@runbook/scripts';
import { defineCommand } from '../define.ts';
import { parseVars, VAR_FLAG } from './_common.ts';

export default defineCommand({
  name: 'postmortem',
  description:
    "Fill the plan's post-mortem template from an incident's journals (timeline, durations, versions); write incidents/<id>/postmortem.md and print it.",
  details: `An incident run on several clusters has a journal per cluster (incidents/<cluster>/<id>/journal.jsonl):
its post-mortem is one, with one timeline of every cluster's steps in time order, each naming its cluster, and
is written to incidents/<id>/postmortem.md all the same.
Example: runbook postmortem 20240115-140503-emergency-a1b2 --var rootCause="…"
Exit codes: 2 usage (unknown incident, bad --var).`,
  args: [
    {
      name: 'INCIDENT',
      description: "Incident id (a folder under --incidents-dir, or under its clusters' folders)",
      required: true,
    },
  ],
  flags: {
    'incidents-dir': {
      type: 'string',
      hint: 'DIR',
      description: 'Where incident journals are (default ./incidents)',
    },
    var: VAR_FLAG,
  },
  async run(ctx, flags, [incident]) {
    const vars = parseVars(flags.var);
    checkTemplateVars(ctx.runbook(), 'postmortem', vars);
    const r = await writePostmortem(ctx.runbook(), {
      baseDir: flags['incidents-dir'] ?? 'incidents',
      incident: incident!,
      lang: ctx.lang,
      vars,
    });
    ctx.out(r.text);
    ctx.err(`written to ${r.path}`);
    return 0;
  },
});
