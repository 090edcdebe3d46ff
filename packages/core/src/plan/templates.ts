import type { RunbookInput } from '../schemas/index.ts';

export const templates: RunbookInput['templates'] = [
  {
    id: 'internal',
    audience: 'internal',
    title: { fr: 'Template de communication interne', en: 'Internal communication template' },
    body: {
      fr: 'INCIDENT EN COURS - Marketplace\n\nStatut: {{status}}\nDébut: {{start}}\nImpact: {{impact}}\nAction: Rollback vers version {{version}}\nETA: {{eta}}\n\nSuivi: {{followUp}}',
      en: 'INCIDENT IN PROGRESS - Marketplace\n\nStatus: {{status}}\nStarted: {{start}}\nImpact: {{impact}}\nAction: Rollback to version {{version}}\nETA: {{eta}}\n\nFollow-up: {{followUp}}',
    },
    placeholders: [
      {
        name: 'status',
        label: { fr: 'Statut', en: 'Status' },
        type: 'text',
        default: { fr: 'Rollback en cours', en: 'Rollback in progress' },
      },
      { name: 'start', label: { fr: 'Heure de début', en: 'Start time' }, type: 'time', example: '14:05' },
      {
        name: 'impact',
        label: { fr: "Description de l'impact", en: 'Description of the impact' },
        type: 'text',
        example: { fr: '20 % des requêtes API en erreur', en: '20% of API requests failing' },
      },
      {
        name: 'version',
        label: { fr: 'Version cible', en: 'Target version' },
        type: 'version',
        example: 'v1.2.3',
      },
      { name: 'eta', label: { fr: 'Estimation', en: 'Estimate' }, type: 'duration', example: '30 min' },
      {
        name: 'followUp',
        label: { fr: 'Lien Slack/Teams', en: 'Slack/Teams link' },
        type: 'url',
        example: 'https://topsteel.slack.com/archives/incidents',
      },
    ],
  },
  {
    id: 'customer',
    audience: 'customer',
    title: { fr: 'Template client', en: 'Customer template' },
    body: {
      fr: 'Maintenance en cours\n\nNous rencontrons actuellement des difficultés techniques.\nNos équipes travaillent activement à la résolution.\n\nTemps estimé: {{eta}}\nStatut: {{statusUrl}}',
      en: 'Maintenance in progress\n\nWe are currently experiencing technical difficulties.\nOur teams are actively working on a fix.\n\nEstimated time: {{eta}}\nStatus: {{statusUrl}}',
    },
    placeholders: [
      {
        name: 'eta',
        label: { fr: 'Temps estimé', en: 'Estimated time' },
        type: 'duration',
        default: { fr: '30 minutes', en: '30 minutes' },
      },
      {
        name: 'statusUrl',
        label: { fr: 'Page de statut', en: 'Status page' },
        type: 'url',
        default: { fr: 'https://status.topsteel.com', en: 'https://status.topsteel.com' },
      },
    ],
  },
  {
    id: 'postmortem',
    audience: 'post-mortem',
    title: { fr: 'Template post-mortem', en: 'Post-mortem template' },
    body: {
      fr: '# Post-Mortem: {{date}} {{incident}}\n\n## Résumé\n- **Durée**: {{duration}}\n- **Impact**: {{usersAffected}} utilisateurs affectés\n- **Perte estimée**: {{estimatedLoss}} €\n- **Versions**: {{versions}}\n\n## Timeline\n{{timeline}}\n\n## Cause Racine\n{{rootCause}}\n\n## Actions Correctives\n{{actions}}\n\n## Leçons Apprises\n{{lessons}}',
      en: '# Post-Mortem: {{date}} {{incident}}\n\n## Summary\n- **Duration**: {{duration}}\n- **Impact**: {{usersAffected}} users affected\n- **Estimated loss**: €{{estimatedLoss}}\n- **Versions**: {{versions}}\n\n## Timeline\n{{timeline}}\n\n## Root Cause\n{{rootCause}}\n\n## Corrective Actions\n{{actions}}\n\n## Lessons Learned\n{{lessons}}',
    },
    placeholders: [
      { name: 'date', label: { fr: 'Date', en: 'Date' }, type: 'date', example: '2024-01-15' },
      {
        name: 'incident',
        label: { fr: 'Incident', en: 'Incident' },
        type: 'text',
        example: { fr: 'Erreurs 5xx après v1.2.4', en: '5xx errors after v1.2.4' },
      },
      { name: 'duration', label: { fr: 'Durée', en: 'Duration' }, type: 'duration', example: '42 minutes' },
      {
        name: 'usersAffected',
        label: { fr: 'Utilisateurs affectés', en: 'Users affected' },
        type: 'number',
        default: { fr: 'X', en: 'X' },
      },
      {
        name: 'estimatedLoss',
        label: { fr: 'Perte estimée', en: 'Estimated loss' },
        type: 'number',
        default: { fr: 'X', en: 'X' },
      },
      {
        name: 'versions',
        label: { fr: 'Versions', en: 'Versions' },
        type: 'text',
        example: 'v1.2.4 → v1.2.3',
      },
      {
        name: 'timeline',
        label: { fr: 'Timeline', en: 'Timeline' },
        type: 'list',
        default: {
          fr: '- HH:MM - Déploiement initié\n- HH:MM - Premières alertes\n- HH:MM - Décision de rollback\n- HH:MM - Rollback complété\n- HH:MM - Service restauré',
          en: '- HH:MM - Deployment started\n- HH:MM - First alerts\n- HH:MM - Rollback decision\n- HH:MM - Rollback completed\n- HH:MM - Service restored',
        },
      },
      {
        name: 'rootCause',
        label: { fr: 'Cause racine', en: 'Root cause' },
        type: 'text',
        default: { fr: '[Description détaillée]', en: '[Detailed description]' },
      },
      {
        name: 'actions',
        label: { fr: 'Actions correctives', en: 'Corrective actions' },
        type: 'list',
        default: { fr: '1. [Action 1]\n2. [Action 2]', en: '1. [Action 1]\n2. [Action 2]' },
      },
      {
        name: 'lessons',
        label: { fr: 'Leçons apprises', en: 'Lessons learned' },
        type: 'text',
        default: { fr: '[Points clés]', en: '[Key points]' },
      },
    ],
  },
];
