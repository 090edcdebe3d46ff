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
