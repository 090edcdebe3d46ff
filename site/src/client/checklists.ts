/// <reference lib="dom" />
/// <reference lib="dom.iterable" />

/**
 * Ticks belong to one incident: `{ started, updated, ticks }` under one key, shared by every page and language of
 * the incident. A tick stored without an incident (the old `runbook:ticks`), or an incident idle for longer than
 * STALE_MS, is a previous incident's and is never shown ticked.
 */
export const STORAGE_KEY = 'runbook:incident';
export const LEGACY_KEY = 'runbook:ticks';
export const STALE_MS = 24 * 60 * 60 * 1000;

export interface Incident {
  started: string;
  updated: string;
  ticks: Record<string, true>;
}

function isIncident(value: unknown): value is Incident {
  const v = value as Incident | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.started === 'string' &&
    typeof v.updated === 'string' &&
    typeof v.ticks === 'object' &&
    v.ticks !== null
  );
}

/** The incident in progress, or null when there is none (never one that went stale). */
export function current(now = Date.now()): Incident | null {
  localStorage.removeItem(LEGACY_KEY);
  let stored: unknown;
  try {
    stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
  } catch {
    return null;
  }
  if (!isIncident(stored)) return null;
  const updated = Date.parse(stored.updated);
  return Number.isFinite(updated) && now - updated <= STALE_MS ? stored : null;
}

function save(incident: Incident): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(incident));
}

const fresh = (): Incident => {
  const now = new Date().toISOString();
  return { started: now, updated: now, ticks: {} };
};

function showIncident(root: Document, incident: Incident | null): void {
  const lang = root.documentElement.lang || undefined;
  for (const bar of root.querySelectorAll<HTMLElement>('[data-incident]')) {
    const label = bar.querySelector<HTMLElement>('.rb-incident-text');
    if (!label) continue;
    label.textContent = incident
      ? `${bar.dataset.of} ${new Date(incident.started).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' })}`
      : (bar.dataset.none ?? '');
    if (incident) bar.dataset.started = incident.started;
    else delete bar.dataset.started;
  }
}

export function initChecklists(root: Document): void {
  const boxes = [...root.querySelectorAll<HTMLInputElement>('input[data-tick]')];
  const render = () => {
    const incident = current();
    for (const box of boxes) box.checked = incident?.ticks[box.dataset.tick!] === true;
    showIncident(root, incident);
  };
  render();
  for (const box of boxes) {
    box.addEventListener('change', () => {
      const incident = current() ?? fresh();
      if (box.checked) incident.ticks[box.dataset.tick!] = true;
      else delete incident.ticks[box.dataset.tick!];
      incident.updated = new Date().toISOString();
      save(incident);
      render();
    });
  }
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-reset]')) {
    button.addEventListener('click', () => {
      const incident = current();
      if (!incident) return;
      const prefix = `${button.dataset.reset}/`;
      for (const key of Object.keys(incident.ticks)) if (key.startsWith(prefix)) delete incident.ticks[key];
      incident.updated = new Date().toISOString();
      save(incident);
      render();
    });
  }
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-new-incident]')) {
    button.addEventListener('click', () => {
      save(fresh());
      render();
    });
  }
  // Another tab or page of the same incident ticking a box, or starting a new incident.
  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY) render();
  });
}
