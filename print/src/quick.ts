import type { QuickCommand } from '@runbook/core';
import { codeHeight, codeLineHeight, drawCode } from './code.ts';
import { type Ctx, ensureSpace, measure, PAGE, pageRoom, SIZE } from './layout.ts';
import { badge, badgeWidth } from './markers.ts';
import { blockLabel } from './sections/step.ts';

/** The badge at the right end of a heading drawn at `top`, when the command is destructive. */
export function headingBadge(ctx: Ctx, command: QuickCommand, top: number): void {
  if (!command.destructive) return;
  const { doc } = ctx;
  const label = ctx.ui('destructive');
  badge(doc, label, doc.page.width - PAGE.right - badgeWidth(doc, label), top);
}

/** Width a heading must leave for the badge. */
export function badgeRoom(ctx: Ctx, command: QuickCommand): number {
  return command.destructive ? badgeWidth(ctx.doc, ctx.ui('destructive')) + 8 : 0;
}

/** What comes in which order: each block a label and a command, the readiness check first. */
function blocks(ctx: Ctx, command: QuickCommand, card: boolean): Array<[string, string]> {
  const { check } = command;
  const withTool = ctx.ui('withTool');
  const manual = ctx.ui('manual');
  if (!check)
    return [
      [withTool, command.runbook],
      [manual, command.manual],
    ];
  const first = `1. ${ctx.ui('runFirst')}`;
  const then = `2. ${ctx.l(command.title)}`;
  // On the card, the tool's form is the command alone: the tool checks readiness and asks before acting.
  const tool: Array<[string, string]> = card
    ? [[withTool, command.runbook]]
    : [
        [`${withTool} · ${first}`, check.runbook],
        [`${withTool} · ${then}`, command.runbook],
      ];
  return [...tool, [`${manual} · ${first}`, check.manual], [`${manual} · ${then}`, command.manual]];
}

/** Height `drawQuickCommandBody` takes, for keeping a quick command on one page. */
export function quickCommandHeight(ctx: Ctx, command: QuickCommand, card = false): number {
  const { doc } = ctx;
  return blocks(ctx, command, card).reduce(
    (h, [label, code]) =>
      h + measure(doc, label, { font: 'bold', size: SIZE.small }) + 2 + codeHeight(doc, code) + 4,
    0,
  );
}

/**
 * A quick command's forms. With a readiness check, each form shows the check as step 1 and the command as
 * step 2, so that nobody copies the one-liner without the check; `card` keeps the card to one page.
 */
export function drawQuickCommandBody(ctx: Ctx, command: QuickCommand, card = false): void {
  const { doc } = ctx;
  const height = quickCommandHeight(ctx, command, card);
  if (height <= pageRoom(doc)) ensureSpace(doc, height);
  for (const [label, code] of blocks(ctx, command, card)) {
    blockLabel(ctx, label, 0, codeLineHeight(doc) + 8);
    drawCode(doc, code);
  }
}
