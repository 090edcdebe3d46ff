import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every file under `dir`, as site URLs; `x/index.html` is listed as `x/`, the URL links use. */
export function siteUrls(dir: string): string[] {
  const urls: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else urls.push(`/${relative(dir, full).split(sep).join('/')}`);
    }
  };
  walk(dir);
  return urls
    .filter((u) => u !== '/sw.js')
    .map((u) => (u.endsWith('/index.html') ? u.slice(0, -'index.html'.length) : u))
    .sort();
}

/**
 * The service worker, written after the build (and after Pagefind) so its list is the whole of dist.
 * Pages go network-first with a short timeout, so a reachable site is never stale; assets cache-first.
 */
export function serviceWorker(urls: readonly string[], version: string): string {
  return `// Generated at build time from the contents of dist: do not edit.
const CACHE = ${JSON.stringify(`runbook-${version}`)};
const URLS = ${JSON.stringify(urls)};
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(URLS)).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('runbook-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});
const fromCache = async (request) => {
  const cache = await caches.open(CACHE);
  const url = new URL(request.url);
  return (
    (await cache.match(request, { ignoreSearch: true })) ||
    (url.pathname.endsWith('/') ? undefined : await cache.match(url.pathname + '/')) ||
    (request.mode === 'navigate'
      ? (await cache.match('/' + url.pathname.split('/')[1] + '/404/')) || (await cache.match('/404.html'))
      : undefined)
  );
};
const withTimeout = (promise, ms) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      withTimeout(fetch(request), 3000)
        .then((response) => {
          if (response.ok) caches.open(CACHE).then((cache) => cache.put(request, response.clone()));
          return response;
        })
        .catch(async () => (await fromCache(request)) || Response.error()),
    );
    return;
  }
  event.respondWith(fromCache(request).then((hit) => hit || fetch(request)));
});
`;
}

export function writeServiceWorker(dir: string, version: string): number {
  const urls = siteUrls(dir);
  writeFileSync(join(dir, 'sw.js'), serviceWorker(urls, version));
  return urls.length;
}
