// Preloaded with --require: appends each CommonJS bundle (.cjs) and code cache (.bin) the process reads to
// LOADED_FILES_LOG. The CLI's bundles load through fs, not through the module hooks load-log-hook.mjs sees.
const fs = require('node:fs');
const { pathToFileURL } = require('node:url');

const read = fs.readFileSync;
fs.readFileSync = function readFileSyncLogged(path, ...rest) {
  const data = read.call(this, path, ...rest);
  if (typeof path === 'string' && /\.(cjs|bin)$/.test(path) && process.env.LOADED_FILES_LOG)
    fs.appendFileSync(process.env.LOADED_FILES_LOG, `${pathToFileURL(path).href}\n`);
  return data;
};
