/**
 * `pnpm site:serve [DIR]`: serves a built site (default site/dist) over HTTP. Opening index.html from disk does not
 * work: the pages link to absolute paths (`/blue-green/`) and the service worker needs an origin.
 * (Not `pnpm docs`: pnpm's own `docs` command takes that name before any script does.)
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve-lib.mjs';

const given = process.argv[2];
const dir = given
  ? resolve(process.env.INIT_CWD ?? process.cwd(), given)
  : fileURLToPath(new URL('./dist', import.meta.url));
if (!existsSync(join(dir, 'index.html'))) {
  console.error(`no built site in ${dir}: run \`pnpm site\` first`);
  process.exit(1);
}
const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? '127.0.0.1';
const server = await serve(dir, port, host);
// The address the server really listens on, so the printed URL opens (localhost may resolve to ::1 first).
const shown = host.includes(':') ? `[${host}]` : host;
console.log(`runbook docs: http://${shown}:${server.address().port}/ (serving ${dir}; Ctrl-C to stop)`);
