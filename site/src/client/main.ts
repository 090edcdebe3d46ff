/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { initChecklists } from './checklists.ts';
import { initCopyButtons, initTemplateForms } from './templates.ts';

initChecklists(document);
initTemplateForms(document);
initCopyButtons(document);

// The whole site is cached on first visit so a laptop that opened it once still has it with the network down.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker
    .register('/sw.js')
    .catch((error: unknown) => console.warn('service worker not registered', error));
}
