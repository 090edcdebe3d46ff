/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { fill } from './fill.ts';

/** Refills the text from the fields; returns the labels of the required fields still empty. */
function refresh(form: HTMLFormElement): string[] {
  const values: Record<string, string> = {};
  const defaults: Record<string, string> = {};
  for (const field of form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[name]')) {
    values[field.name] = field.value;
    if (field.dataset.default !== undefined) defaults[field.name] = field.dataset.default;
  }
  const result = fill(form.dataset.body ?? '', values, defaults);
  const output = form.querySelector<HTMLTextAreaElement>('.rb-output');
  if (output) output.value = result.text;
  const labels = JSON.parse(form.dataset.labels ?? '{}') as Record<string, string>;
  const names = result.missing.map((n) => labels[n] ?? n);
  const missing = form.querySelector<HTMLElement>('.rb-missing');
  if (missing)
    missing.textContent = names.length > 0 ? `${missing.dataset.missingLabel} — ${names.join(', ')}` : '';
  return names;
}

export function initTemplateForms(root: Document): void {
  for (const form of root.querySelectorAll<HTMLFormElement>('form.rb-template')) {
    form.addEventListener('input', () => refresh(form));
    form.addEventListener('submit', (event) => event.preventDefault());
    refresh(form);
  }
}

async function copy(text: string, source: HTMLTextAreaElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Clipboard API refused (no permission, insecure context): fall back to the selection.
    source.select();
    document.execCommand('copy');
  }
}

export function initCopyButtons(root: Document): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
    const label = button.textContent;
    button.addEventListener('click', async () => {
      const source = root.getElementById(button.dataset.copy!) as HTMLTextAreaElement | null;
      if (!source) return;
      // A message with a required value left empty is not copied: the warning names what to fill in.
      const form = button.closest<HTMLFormElement>('form.rb-template');
      const missing = form ? refresh(form) : [];
      if (form && missing.length > 0) {
        const line = form.querySelector<HTMLElement>('.rb-missing');
        if (line) {
          line.setAttribute('role', 'alert');
          line.textContent = `${line.dataset.missingLabel} — ${missing.join(', ')} — ${line.dataset.notCopied}`;
        }
        const empty = [...form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[required]')].find(
          (f) => f.value === '',
        );
        empty?.focus();
        return;
      }
      await copy(source.value, source);
      button.textContent = button.dataset.copied ?? label;
      setTimeout(() => {
        button.textContent = label;
      }, 1500);
    });
  }
}
