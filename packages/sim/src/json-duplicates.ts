/**
 * Keys of a JSON text in document order, with their paths (`spec.template.spec.containers[0].image`), so that strict
 * field validation can report duplicate fields, which JSON.parse silently collapses.
 */

export interface KeySeen {
  path: string;
  /** Order of this occurrence among the text's keys. */
  pos: number;
  duplicate: boolean;
}

const WS = new Set([' ', '\t', '\n', '\r']);

class Scanner {
  i = 0;
  pos = 0;
  readonly seen: KeySeen[] = [];
  constructor(private readonly text: string) {}

  private skip(): void {
    while (WS.has(this.text[this.i]!)) this.i++;
  }

  private string(): string {
    const start = this.i;
    this.i++;
    while (this.i < this.text.length && this.text[this.i] !== '"')
      this.i += this.text[this.i] === '\\' ? 2 : 1;
    this.i++;
    return JSON.parse(this.text.slice(start, this.i)) as string;
  }

  value(path: string): void {
    this.skip();
    const c = this.text[this.i];
    if (c === '{') this.object(path);
    else if (c === '[') this.array(path);
    else if (c === '"') this.string();
    else while (this.i < this.text.length && !',}] \t\n\r'.includes(this.text[this.i]!)) this.i++;
  }

  private object(path: string): void {
    this.i++;
    const keys = new Set<string>();
    for (;;) {
      this.skip();
      if (this.text[this.i] !== '"') break;
      const key = this.string();
      const p = path ? `${path}.${key}` : key;
      if (keys.has(key)) this.seen.push({ path: p, pos: this.pos, duplicate: true });
      else {
        keys.add(key);
        this.seen.push({ path: p, pos: this.pos, duplicate: false });
      }
      this.pos++;
      this.skip();
      this.i++; // ':'
      this.value(p);
      this.skip();
      if (this.text[this.i] === ',') this.i++;
    }
    this.i++;
  }

  private array(path: string): void {
    this.i++;
    for (let n = 0; ; n++) {
      this.skip();
      if (this.text[this.i] === ']' || this.i >= this.text.length) break;
      this.value(`${path}[${n}]`);
      this.skip();
      if (this.text[this.i] === ',') this.i++;
    }
    this.i++;
  }
}

/** Every key of a JSON text, in order; a text that does not parse gives none (the caller has rejected it already). */
export function keysOf(text: string): KeySeen[] {
  const s = new Scanner(text);
  try {
    s.value('');
  } catch {
    return [];
  }
  return s.seen;
}
