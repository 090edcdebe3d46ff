import { localize, type ManualCommand, type QuickCommand, t } from '@runbook/core';
import type { PageContext } from './context.ts';
import { code, html, htmlLine, text } from './md.ts';

/**
 * An example to adapt (the plan's `-- Ex:` lines, with `<placeholders>`): plain HTML, not a Markdown code block, so
 * Expressive Code gives it no copy button; marked as an example above and around it.
 */
export function exampleHtml(ctx: PageContext, command: ManualCommand): string {
  const label = t('exampleAdapt', ctx.lang);
  return [
    `<figure class="rb-example" data-example>`,
    `<figcaption>⚠ ${html(label)}</figcaption>`,
    `<pre class="rb-example-code" data-lang="${html(command.lang)}" aria-label="${html(label)}" tabindex="0">${htmlLine(command.code)}</pre>`,
    '</figure>',
  ].join('');
}

const manualBlock = (ctx: PageContext, c: ManualCommand) =>
  c.example ? exampleHtml(ctx, c) : code(c.lang, c.code);

/** The tool's command and its manual equivalents, each in its own block so each gets a copy button. */
export function commandBlocks(
  ctx: PageContext,
  runbook: string | undefined,
  manual: readonly ManualCommand[],
): string {
  const parts: string[] = [];
  if (runbook) parts.push(`**${text(t('withTool', ctx.lang))}**`, code('bash', runbook));
  if (manual.length > 0) {
    parts.push(`**${text(t('manual', ctx.lang))}**`, ...manual.map((c) => manualBlock(ctx, c)));
  }
  return parts.join('\n\n');
}

/** The DESTRUCTIVE badge, as in a destructive step's heading. */
export const destructiveBadge = (ctx: PageContext) =>
  `<span class="rb-destructive">${html(t('destructive', ctx.lang))}</span>`;

/**
 * A quick command as a reader copies it: its title (with the badge when it changes what serves traffic), then,
 * when it has a readiness check, "First" the check and "Then" the command, with the tool and without.
 */
export function quickCommandBody(ctx: PageContext, q: QuickCommand, options: { title: boolean }): string {
  const { lang } = ctx;
  const title = options.title
    ? [
        `<p class="rb-quick-title">${html(localize(q.title, lang))}${q.destructive ? ` ${destructiveBadge(ctx)}` : ''}</p>`,
      ]
    : [];
  if (!q.check)
    return [...title, commandBlocks(ctx, q.runbook, [{ lang: 'bash', code: q.manual }])].join('\n\n');
  const first = `<p class="rb-step-label rb-first">${html(t('runFirst', lang))}</p>`;
  const then = `<p class="rb-step-label rb-then">${html(t('runThen', lang))}${q.destructive ? ` ${destructiveBadge(ctx)}` : ''}</p>`;
  return [
    ...title,
    `**${text(t('withTool', lang))}**`,
    first,
    code('bash', q.check.runbook),
    then,
    code('bash', q.runbook),
    `**${text(t('manual', lang))}**`,
    first,
    code('bash', q.check.manual),
    then,
    code('bash', q.manual),
  ].join('\n\n');
}
