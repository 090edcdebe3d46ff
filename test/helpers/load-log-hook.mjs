// A module hook (node:module register) that appends every file the process loads to LOADED_FILES_LOG:
// how the start-up tests see what a command compiles.
import { appendFileSync } from 'node:fs';

export async function load(url, context, next) {
  if (url.startsWith('file:') && process.env.LOADED_FILES_LOG)
    appendFileSync(process.env.LOADED_FILES_LOG, `${url}\n`);
  return next(url, context);
}
