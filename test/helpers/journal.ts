/** Reading what a CLI run journaled, from the outside, as a person would with `cat journal.jsonl`. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One journal line, as far as the tests look at it. */
export interface Line {
  step: string;
  outcome: string;
  details: Record<string, unknown>;
}

/** The journal of the only incident in `dir`; empty while the run has not written it yet. */
export async function journalOf(dir: string): Promise<Line[]> {
  const [id] = await readdir(dir).catch(() => []);
  if (!id) return [];
  const text = await readFile(join(dir, id, 'journal.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}
