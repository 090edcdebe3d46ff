import type { RunbookInput } from '../schemas/index.ts';

export const checklists: RunbookInput['checklists'] = [
  {
    id: 'pre-rollback',
    phase: 'pre-rollback',
    title: { fr: 'Checklist pré-rollback', en: 'Pre-rollback checklist' },
    items: [
      {
        id: 'check-state',
        label: { fr: "Vérifier l'état actuel", en: 'Check the current state' },
        ref: 'capture-state/check-state',
      },
      {
        id: 'capture-logs',
        label: {
          fr: 'Capturer les logs pour analyse post-mortem',
          en: 'Capture the logs for the post-mortem',
        },
        ref: 'capture-state/capture-logs',
      },
      {
        id: 'save-state',
        label: { fr: "Sauvegarder l'état actuel", en: 'Save the current state' },
        ref: 'capture-state/save-state',
      },
    ],
  },
  {
    id: 'before-rollback',
    phase: 'before',
    title: { fr: 'Points de contrôle : avant rollback', en: 'Control points: before the rollback' },
    items: [
      {
        id: 'incident-confirmed',
        label: { fr: 'Incident confirmé et documenté', en: 'Incident confirmed and documented' },
      },
      {
        id: 'team-notified',
        label: { fr: 'Équipe notifiée', en: 'Team notified' },
        ref: 'emergency/notify-start',
      },
      {
        id: 'state-backed-up',
        label: { fr: 'Backup état actuel', en: 'Current state backed up' },
        ref: 'capture-state',
      },
    ],
  },
  {
    id: 'during-rollback',
    phase: 'during',
    title: { fr: 'Points de contrôle : pendant le rollback', en: 'Control points: during the rollback' },
    items: [
      { id: 'script-run', label: { fr: 'Script de rollback exécuté', en: 'Rollback script run' } },
      { id: 'live-monitoring', label: { fr: 'Monitoring en temps réel', en: 'Real-time monitoring' } },
      { id: 'ongoing-communication', label: { fr: 'Communication continue', en: 'Ongoing communication' } },
    ],
  },
  {
    id: 'after-rollback',
    phase: 'after',
    title: { fr: 'Points de contrôle : après rollback', en: 'Control points: after the rollback' },
    items: [
      {
        id: 'service-verified',
        label: { fr: 'Service vérifié fonctionnel', en: 'Service verified working' },
        ref: 'verify',
      },
      {
        id: 'metrics-normal',
        label: { fr: 'Métriques revenues à la normale', en: 'Metrics back to normal' },
      },
      { id: 'postmortem-planned', label: { fr: 'Post-mortem planifié', en: 'Post-mortem scheduled' } },
      { id: 'docs-updated', label: { fr: 'Documentation mise à jour', en: 'Documentation updated' } },
    ],
  },
  {
    id: 'post-mortem',
    phase: 'post-mortem',
    title: { fr: 'Checklist post-mortem', en: 'Post-mortem checklist' },
    items: [
      { id: 'timeline', label: { fr: "Timeline de l'incident", en: 'Incident timeline' } },
      { id: 'root-cause', label: { fr: 'Cause racine identifiée', en: 'Root cause identified' } },
      { id: 'business-impact', label: { fr: 'Impact business quantifié', en: 'Business impact quantified' } },
      {
        id: 'corrective-actions',
        label: { fr: 'Actions correctives définies', en: 'Corrective actions defined' },
      },
      { id: 'docs-updated', label: { fr: 'Documentation mise à jour', en: 'Documentation updated' } },
      {
        id: 'regression-tests',
        label: { fr: 'Tests de non-régression ajoutés', en: 'Regression tests added' },
      },
      { id: 'monitoring-improved', label: { fr: 'Monitoring amélioré', en: 'Monitoring improved' } },
      {
        id: 'stakeholders-told',
        label: { fr: 'Communication aux stakeholders', en: 'Stakeholders informed' },
      },
    ],
  },
];
