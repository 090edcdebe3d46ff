import { type Placeholder, placeholderExample, type Template } from '@runbook/core';
import { colon } from '../format.ts';
import { minorHeading, type NavCtx, sectionHeading } from '../headings.ts';
import {
  CONTENT_WIDTH,
  type Ctx,
  ensureSpace,
  type FontName,
  GREY,
  PAGE,
  PLACEHOLDER,
  SIZE,
  setFont,
} from '../layout.ts';
import { drawChecklist } from './checklists.ts';

type Token =
  | { kind: 'text'; text: string }
  | { kind: 'blank'; placeholder: Placeholder | undefined; name: string };

const INDENT = 10;
const BLANK_WIDTH = 150;
/** Lines to write on when a placeholder is a whole paragraph (a timeline, a root cause). */
const BLOCK_LINES: Partial<Record<Placeholder['type'], number>> = { list: 6, text: 4 };

function tokens(line: string, template: Template): Token[] {
  return line
    .split(/(\{\{[a-zA-Z][a-zA-Z0-9]*\}\})/)
    .filter((part) => part !== '')
    .map((part) => {
      const name = /^\{\{(.+)\}\}$/.exec(part)?.[1];
      if (name === undefined) return { kind: 'text', text: part };
      return { kind: 'blank', name, placeholder: template.placeholders.find((p) => p.name === name) };
    });
}

/**
 * A default that only stands for a value (`X`, `[Description détaillée]`, `1. [Action 1]`): on paper it
 * says nothing the blank does not, and printed it reads like an answer.
 */
function standsForValue(text: string): boolean {
  return text.split('\n').every((line) => /^\s*(\d+\.\s*)?(\[[^\]]*\]|X+)\s*$/.test(line));
}

/** The hint after a blank's label: its default, or an example marked as one; never printed as the value. */
function hint(ctx: Ctx, p: Placeholder): string {
  const fallback = p.default ? ctx.l(p.default) : undefined;
  if (fallback !== undefined && !standsForValue(fallback))
    return `${ctx.ui('defaultValue')}${colon(ctx)}${fallback.split('\n')[0]}`;
  const example = placeholderExample(p, ctx.lang);
  return example ? `${ctx.ui('example')} ${example}` : '';
}

/** What the reader sees under a blank: the placeholder's label, and a hint in a lighter grey. */
function captionParts(ctx: Ctx, token: Extract<Token, { kind: 'blank' }>): [string, string] {
  const p = token.placeholder;
  if (!p) return [token.name, ''];
  const h = hint(ctx, p);
  return [ctx.l(p.label), h ? ` (${h})` : ''];
}

function caption(ctx: Ctx, token: Extract<Token, { kind: 'blank' }>): string {
  return captionParts(ctx, token).join('');
}

/** The caption on one line at (x, y): the label in dark grey, the hint lighter, so it reads as a hint. */
function drawCaption(ctx: Ctx, token: Extract<Token, { kind: 'blank' }>, x: number, y: number): void {
  const { doc } = ctx;
  const [label, h] = captionParts(ctx, token);
  setFont(doc, 'sans', SIZE.small, GREY.text);
  doc.text(label, x, y, { lineBreak: false });
  if (h) {
    const after = x + doc.widthOfString(label);
    setFont(doc, 'sans', SIZE.small, PLACEHOLDER);
    doc.text(h, after, y, { lineBreak: false });
  }
  doc.fillColor('black');
}

/** Wide enough for its caption, which must never wrap into the line below. */
function blankWidth(ctx: Ctx, token: Extract<Token, { kind: 'blank' }>, room: number): number {
  setFont(ctx.doc, 'sans', SIZE.small);
  const captionWidth = ctx.doc.widthOfString(caption(ctx, token)) + 10;
  return Math.min(CONTENT_WIDTH - INDENT, Math.max(BLANK_WIDTH, captionWidth, room));
}

/** Height a body line will take, so that a heading can be kept with the line after it. */
function lineHeight(template: Template, line: string): number {
  const parts = tokens(line, template);
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.kind === 'blank')
    return ((only.placeholder && BLOCK_LINES[only.placeholder.type]) ?? 1) * 22 + 14;
  return SIZE.body * 1.3 + (parts.some((p) => p.kind === 'blank') ? SIZE.small + 6 : 0);
}

function drawBlankLine(doc: PDFKit.PDFDocument, x: number, y: number, width: number): void {
  doc
    .save()
    .lineWidth(0.6)
    .dash(1.5, { space: 2 })
    .moveTo(x, y)
    .lineTo(x + width, y)
    .stroke()
    .undash()
    .restore();
}

/** A body line; placeholders become dotted blanks with their label underneath, to fill in by pen. */
function drawLine(ctx: Ctx, template: Template, raw: string): void {
  const { doc } = ctx;
  const heading = /^#+\s+/.test(raw);
  // The bodies are Markdown-ish: on paper, `#` and `**` are noise.
  const line = raw.replace(/^#+\s+/, '').replaceAll('**', '');
  const font: FontName = heading ? 'bold' : 'sans';
  const size = heading ? SIZE.h3 : SIZE.body;
  setFont(doc, font, size);
  const lineHeight = doc.currentLineHeight(true) + 3;
  const parts = tokens(line, template);
  const only = parts.length === 1 && parts[0]!.kind === 'blank' ? parts[0] : null;
  if (only && only.kind === 'blank') {
    const count = (only.placeholder && BLOCK_LINES[only.placeholder.type]) ?? 1;
    ensureSpace(doc, count * 22 + 14);
    drawCaption(ctx, only, PAGE.left + INDENT, doc.y);
    setFont(doc, 'sans', SIZE.small);
    doc.y += doc.currentLineHeight(true);
    for (let i = 0; i < count; i++) {
      doc.y += 22;
      drawBlankLine(doc, PAGE.left + INDENT, doc.y, CONTENT_WIDTH - INDENT);
    }
    doc.y += 8;
    return;
  }
  const right = PAGE.left + CONTENT_WIDTH;
  const hasBlank = parts.some((p) => p.kind === 'blank');
  const rowHeight = lineHeight + (hasBlank ? SIZE.small + 6 : 0);
  ensureSpace(doc, rowHeight);
  let x = PAGE.left + INDENT;
  let y = doc.y;
  parts.forEach((part, i) => {
    setFont(doc, font, size);
    const last = i === parts.length - 1;
    const width =
      part.kind === 'text' ? doc.widthOfString(part.text) : blankWidth(ctx, part, last ? right - x : 0);
    if (x + width > right + 0.5 && x > PAGE.left + INDENT) {
      y += rowHeight;
      x = PAGE.left + INDENT;
      ensureSpace(doc, rowHeight);
    }
    if (part.kind === 'text') {
      doc.text(part.text, x, y, { lineBreak: false });
    } else {
      const w = width;
      drawBlankLine(doc, x + 2, y + lineHeight - 3, w - 6);
      drawCaption(ctx, part, x + 2, y + lineHeight);
    }
    x += width;
  });
  doc.x = PAGE.left;
  doc.y = y + rowHeight;
}

export function drawTemplate(ctx: Ctx, template: Template): void {
  minorHeading(ctx, ctx.l(template.title), 60);
  const lines = ctx.l(template.body).split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') {
      ctx.doc.y += 8;
      return;
    }
    if (/^#+\s+/.test(line)) {
      const next = lines.slice(i + 1).find((l) => l.trim() !== '');
      ensureSpace(ctx.doc, SIZE.h3 * 1.4 + 8 + (next ? lineHeight(template, next) : 0));
    }
    drawLine(ctx, template, line);
  });
  ctx.doc.y += 10;
}

export function drawTemplates(ctx: NavCtx): void {
  sectionHeading(ctx, 'templates', ctx.ui('templates'), { newPage: true });
  for (const template of ctx.runbook.templates.filter((t) => t.audience !== 'post-mortem'))
    drawTemplate(ctx, template);
}

export function drawPostmortem(ctx: NavCtx): void {
  sectionHeading(ctx, 'postmortem', ctx.ui('postmortem'), { newPage: true });
  for (const checklist of ctx.runbook.checklists.filter((c) => c.phase === 'post-mortem'))
    drawChecklist(ctx, checklist);
  for (const template of ctx.runbook.templates.filter((t) => t.audience === 'post-mortem'))
    drawTemplate(ctx, template);
}
