/// <reference lib="dom" />
/// <reference lib="dom.iterable" />

/** One key for every tick, shared by all pages, so a list ticked on one page shows ticked on another. */
export const STORAGE_KEY = 'runbook:ticks';

function load(): Record<string, boolean> {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Record<string, boolean>;
  } catch {
    return {};
  }
}

function save(ticks: Record<string, boolean>): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(ticks));
}

export function initChecklists(root: Document): void {
  const boxes = [...root.querySelectorAll<HTMLInputElement>('input[data-tick]')];
  const ticks = load();
  for (const box of boxes) {
    box.checked = ticks[box.dataset.tick!] === true;
    box.addEventListener('change', () => {
      const current = load();
      if (box.checked) current[box.dataset.tick!] = true;
      else delete current[box.dataset.tick!];
      save(current);
    });
  }
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-reset]')) {
    button.addEventListener('click', () => {
      const prefix = `${button.dataset.reset}/`;
      const current = load();
      for (const key of Object.keys(current)) if (key.startsWith(prefix)) delete current[key];
      save(current);
      for (const box of boxes) if (box.dataset.tick!.startsWith(prefix)) box.checked = false;
    });
  }
}
