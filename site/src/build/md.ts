/** Text for HTML: element content and attribute values alike. */
export function html(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * HTML text that must stay on one source line: in Markdown a blank line ends a raw HTML block,
 * so newlines become character references (decoded again inside attributes and textareas).
 */
export function htmlLine(text: string): string {
  return html(text).replace(/\r?\n/g, '&#10;');
}

/**
 * Plain text for Markdown prose: the data is text, never markup. `<nom>` in a step must not become a tag,
 * `*` must not become emphasis, and `:word` must not become a directive (Starlight enables remark-directive).
 */
export function text(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/[\\`*_[\]<>#|!~{}:]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, ' ');
}

/** A fenced code block longer than any backtick run inside, so commands are shown exactly as typed. */
export function code(lang: string, body: string): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${body}\n${fence}`;
}

export function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Front matter as JSON, which is valid YAML and needs no escaping rules of its own. */
export function frontmatter(data: Record<string, unknown>): string {
  const lines = Object.entries(data)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return `---\n${lines.join('\n')}\n---\n`;
}

/**
 * What a reader types as-is inside a sentence: flags (`--list`, `-n`), `snake_case` names (`pg_restore`) and
 * `{{placeholders}}`. They become code spans, so no typography touches them and they read as typed.
 */
const LITERAL = /(?<![\w-])(?:--?[A-Za-z][\w-]*(?:=[^\s,;)]+)?|[A-Za-z][\w.-]*_[\w.-]*[\w]|\{\{\w+\}\})/g;

function literals(value: string, plain: (s: string) => string, literal: (s: string) => string): string {
  let out = '';
  let last = 0;
  for (const m of value.matchAll(LITERAL)) {
    out += plain(value.slice(last, m.index)) + literal(m[0]);
    last = m.index + m[0].length;
  }
  return out + plain(value.slice(last));
}

/** An inline code span holding `value` exactly, whatever backticks it contains. */
export function codeSpan(value: string): string {
  const longest = Math.max(0, ...[...value.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${value.replace(/\r?\n/g, ' ')} ${fence}`;
}

/** `text()` for prose that may name flags or identifiers: those become code spans. */
export function prose(value: string): string {
  return literals(value.replace(/\r?\n/g, ' '), text, codeSpan);
}

/** `html()` for prose that may name flags or identifiers: those become `<code>`. */
export function htmlProse(value: string): string {
  return literals(value, html, (s) => `<code>${html(s)}</code>`);
}

/**
 * A table as one line of HTML, each cell labelled with its column (`data-label`), so that on a narrow screen CSS
 * can show each row as a card instead of cutting columns off. Cells are HTML already.
 */
export function htmlTable(className: string, head: readonly string[], rows: readonly string[][]): string {
  const th = head.map((h) => `<th scope="col">${html(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => `<td data-label="${html(head[i] ?? '')}">${c}</td>`).join('')}</tr>`)
    .join('');
  return `<table class="rb-cards ${className}"><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}
