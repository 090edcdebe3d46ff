import { type Lang, localize } from '@runbook/core';

/**
 * The site's own words that core's `ui` does not have (yet): the printout links, the build date and the
 * incident a checklist belongs to. Other languages get the English, as core's words do.
 */
const WORDS = {
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
} as const;

export type SiteWord = keyof typeof WORDS;

export const w = (key: SiteWord, lang: Lang): string => localize(WORDS[key], lang);
