/**
 * How the plan's values read in every output. The site, the PDF and the CLI call these rather than format
 * on their own, so that a reader who has both the screen and the paper never sees two wordings of one fact.
 */
import { decimal, formatThreshold, localize, t } from '../i18n.ts';
import type { Criterion, Duration, Lang, Placeholder, Procedure } from '../schemas/index.ts';

/** A placeholder's sample value in `lang`: a single text serves every language. */
export function placeholderExample(p: Pick<Placeholder, 'example'>, lang: Lang): string | undefined {
  if (p.example === undefined) return undefined;
  return typeof p.example === 'string' ? p.example : localize(p.example, lang);
}

/** Whether a phone number still has placeholder digits (`+33 6 XX XX XX XX`): nobody can be called on it. */
export function isPlaceholderPhone(phone: string): boolean {
  return /x/i.test(phone);
}

/** `tel:` wants digits only; the plan writes numbers with spaces. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^+0-9]/g, '')}`;
}

/**
 * A phone number as shown, and the link to dial it. A placeholder number shows "number to fill in" and has
 * no link: a `tel:` link on `+33 6 XX XX XX XX` looks callable and is not.
 */
export function phoneText(phone: string, lang: Lang): { text: string; tel: string | null } {
  if (isPlaceholderPhone(phone)) return { text: t('phoneToFill', lang), tel: null };
  return { text: phone, tel: telHref(phone) };
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/** `5m` → `5 min`, `1.5h` → `1,5 h` in French, `90d` → `90 j`: durations as people read them. */
export function durationText(duration: Duration, lang: Lang): string {
  const match = DURATION.exec(duration);
  if (!match) return duration;
  const [, n, unit] = match;
  const units: Record<string, string> = {
    ms: 'ms',
    s: 's',
    m: t('minutes', lang),
    h: 'h',
    d: lang === 'fr' ? 'j' : 'd',
  };
  return `${decimal(n!, lang)} ${units[unit!]}`;
}

/** `0–15 min`, `≥ 30 min` (the last level, `toMin` null): one escalation level's span from the start. */
export function escalationWindowText(fromMin: number, toMin: number | null, lang: Lang): string {
  const min = t('minutes', lang);
  return toMin === null ? `≥ ${fromMin} ${min}` : `${fromMin}–${toMin} ${min}`;
}

/** How long a breach must last before it counts (`5 min`); no window (`null`): at once. */
export function breachWindowText(window: Duration | null, lang: Lang): string {
  return window === null ? t('atOnce', lang) : durationText(window, lang);
}

/** A criterion's window column: a declared event counts at once, like a metric with no window. */
export function criterionWindowText(criterion: Criterion, lang: Lang): string {
  return breachWindowText(criterion.kind === 'metric' ? criterion.window : null, lang);
}

/**
 * A criterion's threshold column: `> 5 %`; a declared event reads "declared by a person"; a metric a person
 * may also declare reads both.
 */
export function criterionThresholdText(criterion: Criterion, lang: Lang): string {
  if (criterion.kind === 'event') return t('declaredByPerson', lang);
  const threshold = formatThreshold(criterion, lang);
  return criterion.event ? `${threshold} / ${t('declaredByPerson', lang)}` : threshold;
}

/** What a procedure may lose, or the one wording both outputs use when the plan states nothing. */
export function dataLossText(procedure: Pick<Procedure, 'dataLossWindow'>, lang: Lang): string {
  return procedure.dataLossWindow ? localize(procedure.dataLossWindow, lang) : t('noDataLossWindow', lang);
}

/** A procedure's target duration: `5 s – 30 s`. */
export function targetDurationText(procedure: Pick<Procedure, 'targetDuration'>, lang: Lang): string {
  const { min, max } = procedure.targetDuration;
  return `${durationText(min, lang)} – ${durationText(max, lang)}`;
}
