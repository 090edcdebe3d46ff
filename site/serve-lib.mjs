import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

/** Pagefind's index files (`.pf_meta`, `.pf_fragment`, `.pf_index`, `.pagefind`) are opaque binary. */
export function contentType(path) {
  const ext = extname(path);
  if (ext.startsWith('.pf_') || ext === '.pagefind') return 'application/octet-stream';
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

async function fileFor(root, urlPath) {
  let path;
  try {
    path = normalize(join(root, decodeURIComponent(urlPath)));
  } catch {
    return null;
  }
  // Refuse anything that resolves outside the served directory (`..`, encoded or not).
  if (path !== root && !path.startsWith(root + sep)) return null;
  const info = await stat(path).catch(() => null);
  if (info?.isDirectory()) {
    const index = join(path, 'index.html');
    return (await stat(index).catch(() => null))?.isFile() ? index : null;
  }
  return info?.isFile() ? path : null;
}

/** A static server for a built site: directory URLs serve `index.html`, misses serve `404.html` with 404. */
export function serve(dir, port = 4321, host = '127.0.0.1') {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = await fileFor(root, urlPath);
    const headers = (path) => ({ 'content-type': contentType(path), 'cache-control': 'no-cache' });
    if (file) {
      res.writeHead(200, headers(file));
      if (req.method === 'HEAD') return res.end();
      return createReadStream(file).pipe(res);
    }
    // A missing page under a language folder gets that language's 404 page (/en/404/), else the root one.
    const lang = urlPath.split('/')[1] ?? '';
    const localized = /^[a-z]{2}(-[a-z0-9]+)?$/i.test(lang) ? join(root, lang, '404', 'index.html') : null;
    const notFound =
      localized && (await stat(localized).catch(() => null))?.isFile() ? localized : join(root, '404.html');
    const has404 = (await stat(notFound).catch(() => null))?.isFile();
    res.writeHead(404, has404 ? headers(notFound) : { 'content-type': 'text/plain; charset=utf-8' });
    if (has404 && req.method !== 'HEAD') return createReadStream(notFound).pipe(res);
    res.end('404 Not Found\n');
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolvePromise(server));
  });
}
