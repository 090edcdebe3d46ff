/**
 * A stamp of what a printout was made from: the runbook's content hash, its review status on the day, and a
 * hash of the tools that render it. The drill compares stamps instead of rendering the PDFs again to compare
 * bytes, which cost about a second on every `pnpm start`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Beside the outputs it describes. */
export const STAMP_FILE = '.runbook-stamp.json';

/** Every file whose change can change the pages: the printer, core's words and logic, the packages' versions. */
const TOOL_INPUTS = [
  'print/src',
  'packages/core/src',
  'print/package.json',
  'site/package.json',
  'print/node_modules/pdfkit/package.json',
];

function addFiles(hash, path) {
  if (!existsSync(path)) return hash.update(`missing ${path}\n`);
  const entries = readdirSync(path, { withFileTypes: true });
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const child = join(path, e.name);
    if (e.isDirectory()) addFiles(hash, child);
    else hash.update(`${child.slice(ROOT.length)}\n`).update(readFileSync(child));
  }
}

let toolHash;
/** Hash of the printer's sources and versions; read once per process (a few milliseconds). */
export function toolVersion() {
  if (toolHash) return toolHash;
  const hash = createHash('sha256');
  for (const input of TOOL_INPUTS) {
    const path = join(ROOT, input);
    if (existsSync(path) && !input.endsWith('.json')) addFiles(hash, path);
    else hash.update(`${input}\n`).update(existsSync(path) ? readFileSync(path) : 'missing');
  }
  toolHash = hash.digest('hex').slice(0, 16);
  return toolHash;
}

const fileHash = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * `inputs`: what the outputs were made from besides the tools (content hash, review status…), compared as
 * JSON. The outputs' own hashes are kept too, so that a PDF replaced or removed since reads as stale.
 */
export function writeStamp(dir, inputs, files) {
  const stamp = {
    inputs,
    tool: toolVersion(),
    files: Object.fromEntries(files.map((f) => [basename(f), fileHash(f)])),
  };
  writeFileSync(join(dir, STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
}

/** Whether `dir`'s stamp says `files` were made from `inputs` with today's tools; missing or corrupt: stale. */
export function stampIsCurrent(dir, inputs, files) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(dir, STAMP_FILE), 'utf8'));
  } catch {
    return false;
  }
  if (!stamp || typeof stamp !== 'object' || typeof stamp.files !== 'object' || stamp.files === null)
    return false;
  if (JSON.stringify(stamp.inputs) !== JSON.stringify(inputs) || stamp.tool !== toolVersion()) return false;
  return files.every((f) => existsSync(f) && stamp.files[basename(f)] === fileHash(f));
}
