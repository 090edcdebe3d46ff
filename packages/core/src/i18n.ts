import type { Action, Lang, Localized, MetricCriterion, Runbook } from './schemas/index.ts';

/** The languages the tool's own words come in; a runbook in any other language gets them in English. */
export const UI_LANGS = ['fr', 'en'] as const;
/** One of the tool's own words, in each language it supports. */
export type UiText = Record<(typeof UI_LANGS)[number], string>;

/**
 * A text in `lang`. Runbook fields hold every language of the runbook once parsed; the tool's own words
 * fall back to English in a language it does not speak.
 */
export function localize(text: Localized | UiText, lang: Lang): string {
  const texts: Localized = text;
  return texts[lang] ?? texts.en ?? Object.values(texts)[0] ?? '';
}

/**
 * Where a language's pages sit on the docs site: the runbook's first language at the root (`''`), each
 * other one in its folder (`en/`, `pt-br/`).
 */
export function sitePrefix(runbook: Pick<Runbook, 'meta'>, lang: Lang): string {
  return lang === runbook.meta.languages[0] ? '' : `${lang.toLowerCase()}/`;
}

/** Per language: making an Intl.NumberFormat costs more than the rest of a printout's number formatting. */
const separators = new Map<Lang, string>();

/** `2.5` as `lang` writes it: `2,5` in French. */
export function decimal(n: number | string, lang: Lang): string {
  let separator = separators.get(lang);
  if (separator === undefined) {
    separator =
      new Intl.NumberFormat(lang).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
    separators.set(lang, separator);
  }
  return String(n).replace('.', separator);
}

/**
 * The words around the plan's data that every output shows (headings, labels). The plan's own sentences
 * live in `plan/`; these are the frame, kept here so the site, the PDF and the CLI say the same thing.
 */
export const ui = {
  criteria: { fr: 'Critères de décision', en: 'Decision criteria' },
  criterion: { fr: 'Critère', en: 'Criterion' },
  threshold: { fr: 'Seuil', en: 'Threshold' },
  window: { fr: 'Fenêtre', en: 'Window' },
  atOnce: { fr: 'immédiat', en: 'at once' },
  action: { fr: 'Action', en: 'Action' },
  procedure: { fr: 'Procédure', en: 'Procedure' },
  procedures: { fr: 'Procédures', en: 'Procedures' },
  allProcedures: { fr: 'Toutes les procédures', en: 'All procedures' },
  declaredByPerson: { fr: 'déclaré par une personne', en: 'declared by a person' },
  whenToUse: { fr: 'Quand l’utiliser', en: 'When to use it' },
  targetDuration: { fr: 'Durée cible', en: 'Target duration' },
  preconditions: { fr: 'Préconditions', en: 'Preconditions' },
  steps: { fr: 'Étapes', en: 'Steps' },
  step: { fr: 'Étape', en: 'Step' },
  destructive: { fr: 'DESTRUCTIF', en: 'DESTRUCTIVE' },
  withTool: { fr: 'Avec l’outil', en: 'With the tool' },
  manual: { fr: 'Équivalent manuel', en: 'Manual equivalent' },
  expected: { fr: 'Résultat attendu', en: 'Expected result' },
  verify: { fr: 'Vérification', en: 'How to verify' },
  dataLossWindow: { fr: 'Fenêtre de perte de données', en: 'Data-loss window' },
  checklists: { fr: 'Checklists', en: 'Checklists' },
  contacts: { fr: 'Contacts d’urgence', en: 'Emergency contacts' },
  role: { fr: 'Rôle', en: 'Role' },
  name: { fr: 'Nom', en: 'Name' },
  phone: { fr: 'Téléphone', en: 'Phone' },
  email: { fr: 'Email', en: 'Email' },
  escalation: { fr: 'Escalade', en: 'Escalation' },
  level: { fr: 'Niveau', en: 'Level' },
  minutes: { fr: 'min', en: 'min' },
  templates: { fr: 'Communication', en: 'Communication' },
  postmortem: { fr: 'Post-mortem', en: 'Post-mortem' },
  alerts: { fr: 'Alertes critiques', en: 'Critical alerts' },
  condition: { fr: 'Condition', en: 'Condition' },
  dashboards: { fr: 'Dashboards à surveiller', en: 'Dashboards to watch' },
  quickCommands: { fr: 'Commandes rapides', en: 'Quick commands' },
  rollbackNow: { fr: 'Rollback immédiat', en: 'Roll back now' },
  onCall: { fr: 'Astreinte', en: 'On call' },
  version: { fr: 'Version du runbook', en: 'Runbook version' },
  lastReviewed: { fr: 'Dernière revue', en: 'Last reviewed' },
  reviewOverdue: { fr: 'REVUE EN RETARD', en: 'REVIEW OVERDUE' },
  contentHash: { fr: 'Empreinte du contenu', en: 'Content hash' },
  verification: { fr: 'Vérification post-rollback', en: 'Post-rollback verification' },
  quickReference: { fr: 'Fiche réflexe', en: 'Quick-reference card' },
  tableOfContents: { fr: 'Sommaire', en: 'Contents' },
  page: { fr: 'page', en: 'page' },
  reviewDue: { fr: 'Revue à refaire avant le', en: 'Review due by' },
  recommended: { fr: 'Recommandé', en: 'Recommended' },
  wholeProcedure: { fr: 'Toute la procédure, avec l’outil', en: 'The whole procedure, with the tool' },
  url: { fr: 'Adresse', en: 'URL' },
  purpose: { fr: 'À surveiller', en: 'What to watch' },
  severity: { fr: 'Sévérité', en: 'Severity' },
  severityCritical: { fr: 'critique', en: 'critical' },
  severityWarning: { fr: 'avertissement', en: 'warning' },
  example: { fr: 'ex.', en: 'e.g.' },
  defaultValue: { fr: 'par défaut', en: 'default' },
  alert: { fr: 'Alerte', en: 'Alert' },
  dashboard: { fr: 'Tableau de bord', en: 'Dashboard' },
  continuationLegend: {
    fr: '↩ en fin de ligne : la commande continue sur la ligne suivante et se tape d’un seul tenant. Une espace avant ↩ est une vraie espace ; sans espace, les deux morceaux se collent.',
    en: '↩ at the end of a line: the command continues on the next line and is typed as one line. A space before ↩ is a real space; with none, the two pieces join.',
  },
  printCheckHint: {
    fr: 'Cette copie est-elle à jour ? « ./runbook print-hash » doit afficher la même empreinte que ce papier ; sinon, réimprimer.',
    en: 'Is this copy current? “./runbook print-hash” must show the same hash as this paper; otherwise, print it again.',
  },
  resetChecklist: { fr: 'Tout décocher', en: 'Untick all' },
  copy: { fr: 'Copier le texte', en: 'Copy the text' },
  copied: { fr: 'Copié', en: 'Copied' },
  filledText: { fr: 'Texte rempli', en: 'Filled text' },
  missingValue: { fr: 'Valeur manquante', en: 'Missing value' },
  promql: { fr: 'Requête PromQL', en: 'PromQL query' },
  alias: { fr: 'Alias', en: 'Alias' },
  exampleAdapt: { fr: 'exemple — à adapter avant usage', en: 'example — adapt before use' },
  phoneToFill: { fr: 'numéro à renseigner', en: 'number to fill in' },
  runFirst: { fr: 'D’abord', en: 'First' },
  runThen: { fr: 'Puis', en: 'Then' },
  escalationWhen: { fr: 'Depuis le début', en: 'Since the start' },
  newIncident: { fr: 'Nouvel incident', en: 'New incident' },
  noDataLossWindow: { fr: 'aucune indiquée', en: 'none stated' },
  contactsHidden: {
    fr: 'Coordonnées retirées de la version publique : voir le PDF imprimé.',
    en: 'Contact details are left out of the public version: see the printed PDF.',
  },
  // The site’s own: the printout links, the build date, the incident a checklist belongs to, its 404.
  printed: { fr: 'Version imprimable', en: 'Printable copy' },
  printedHint: {
    fr: 'Le PDF complet et la fiche réflexe (page 1), disponibles hors ligne après une première visite.',
    en: 'The full PDF and the quick-reference card (page 1), available offline after one visit.',
  },
  fullPdf: { fr: 'Runbook complet (PDF)', en: 'Full runbook (PDF)' },
  builtOn: { fr: 'Construit le', en: 'Built' },
  incidentOf: { fr: 'Cases cochées pour l’incident commencé le', en: 'Ticks belong to the incident started' },
  noIncident: {
    fr: 'Aucun incident en cours : la première case cochée en ouvre un.',
    en: 'No incident in progress: the first tick starts one.',
  },
  notCopied: { fr: 'rien n’a été copié : remplir d’abord', en: 'nothing copied: fill it in first' },
  notFoundTitle: { fr: 'Page introuvable', en: 'Page not found' },
  notFound: {
    fr: 'Cette page n’existe pas dans ce runbook. Vérifier l’adresse, chercher, ou repartir de l’accueil :',
    en: 'This page does not exist in this runbook. Check the address, search, or start again from the home page:',
  },
} satisfies Record<string, UiText>;

export type UiKey = keyof typeof ui;

export function t(key: UiKey, lang: Lang): string {
  return localize(ui[key], lang);
}

export const ACTION_LABELS: Record<Action, UiText> = {
  rollback: { fr: 'Déclencher le rollback', en: 'Trigger rollback' },
  'immediate-rollback': { fr: 'Rollback immédiat', en: 'Immediate rollback' },
  'emergency-rollback': { fr: 'Rollback d’urgence', en: 'Emergency rollback' },
};

/** The words of a decision (`decide`, `watch`): verdicts, outcomes, table headings. */
export const DECISION_WORDS = {
  observed: { fr: 'Observé', en: 'Observed' },
  breachedFor: { fr: 'Dépassé depuis', en: 'Breached for' },
  verdict: { fr: 'Verdict', en: 'Verdict' },
  ok: { fr: 'ok', en: 'ok' },
  pending: { fr: 'en cours', en: 'pending' },
  breach: { fr: 'DÉPASSÉ', en: 'BREACH' },
  inconclusive: { fr: 'INCONCLUSIF', en: 'INCONCLUSIVE' },
  rollback: { fr: 'Rollback recommandé', en: 'Rollback recommended' },
  noRollback: { fr: 'Pas de rollback', en: 'No rollback' },
  undecided: {
    fr: 'Inconclusif : des critères n’ont pas pu être mesurés ; vérifier à la main avant de décider',
    en: 'Inconclusive: some criteria could not be measured; check by hand before deciding',
  },
  source: { fr: 'Source', en: 'Source' },
} satisfies Record<string, UiText>;

/** The status line of the emergency procedure's notices, as the plan's script words them. */
export const EMERGENCY_STATUS: Record<'start' | 'ok' | 'failed', UiText> = {
  start: { fr: 'Rollback d’urgence lancé', en: 'Emergency rollback initiated' },
  ok: { fr: 'Rollback terminé avec succès', en: 'Rollback completed successfully' },
  failed: {
    fr: 'Rollback en échec – intervention manuelle requise',
    en: 'Rollback failed – manual intervention required',
  },
};

/** `> 5 %`, `> 2 s`, `< 99.5 %`: thresholds as the plan writes them. */
export function formatThreshold(
  criterion: Pick<MetricCriterion, 'comparator' | 'threshold' | 'unit'>,
  lang: Lang,
): string {
  const { comparator, threshold, unit } = criterion;
  const number = (n: number) => decimal(n, lang);
  const value =
    unit === 'ratio'
      ? `${number(Math.round(threshold * 10000) / 100)} %`
      : unit === 'seconds'
        ? `${number(threshold)} s`
        : number(threshold);
  return `${comparator} ${value}`;
}
