import { UsageError } from '@runbook/core';
import { defineCommand } from '../define.ts';
import { knownIds, renderAll, renderItem } from '../render/text.ts';

export default defineCommand({
  name: 'show',
  description:
    'Print the whole runbook, or one item by id (a procedure, criterion, checklist, template, or a section).',
  details:
    'Examples:\n  runbook show blue-green --lang fr\n  runbook show contacts\n  runbook show | less -R',
  args: [{ name: 'id', description: 'procedure, criterion, checklist, template, contact, or section id' }],
  run(ctx, _flags, [id]) {
    const runbook = ctx.runbook();
    if (!id) {
      ctx.out(renderAll(runbook, ctx.lang, ctx.color));
      return 0;
    }
    const text = renderItem(runbook, id, ctx.lang, ctx.color);
    if (text === null) {
      throw new UsageError(`show: unknown id "${id}"`, `known ids: ${knownIds(runbook).join(', ')}`);
    }
    ctx.out(text);
    return 0;
  },
});
