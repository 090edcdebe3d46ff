import type { RunbookInput } from '../../schemas/index.ts';

type Procedure = RunbookInput['procedures'][number];

export const native: Procedure = {
  id: 'native',
  kind: 'rollback',
  title: { fr: 'Option 2 : rollback Kubernetes natif', en: 'Option 2: native Kubernetes rollback' },
  whenToUse: {
    fr: 'Blue n’est pas disponible, ou la version fautive a été déployée sur place : revenir à la révision précédente des déploiements.',
    en: 'Blue is not available, or the faulty version was deployed in place: go back to the deployments’ previous revision.',
  },
  targetDuration: { min: '2m', max: '5m' },
  preconditions: [
    {
      fr: 'Une révision précédente existe (rollout history)',
      en: 'A previous revision exists (rollout history)',
    },
    {
      fr: 'La version précédente est compatible avec le schéma de base actuel',
      en: 'The previous version is compatible with the current database schema',
    },
  ],
  runbook: './runbook rollback native',
  steps: [
    {
      id: 'check-history',
      title: { fr: "Lire l'historique des révisions", en: 'Read the revision history' },
      explanation: {
        fr: 'Savoir vers quelle révision (et quelle image) le rollback va revenir.',
        en: 'Know which revision (and which image) the rollback goes back to.',
      },
      runbook: './runbook rollback native --dry-run',
      commands: [
        { lang: 'bash', code: 'kubectl rollout history deployment/marketplace-api -n topsteel-marketplace' },
        { lang: 'bash', code: 'kubectl rollout history deployment/marketplace-web -n topsteel-marketplace' },
      ],
      destructive: false,
      expected: { fr: 'Au moins deux révisions listées.', en: 'At least two revisions listed.' },
      verify: {
        fr: 'La révision précédente porte l’image stable.',
        en: 'The previous revision carries the stable image.',
      },
    },
    {
      id: 'undo-api',
      title: { fr: "Rollback de l'API", en: 'Roll back the API' },
      explanation: {
        fr: 'Revenir à la révision précédente du déploiement API et attendre la fin du déploiement.',
        en: 'Go back to the API deployment’s previous revision and wait for the rollout to finish.',
      },
      runbook: './runbook rollback native',
      commands: [
        { lang: 'bash', code: 'kubectl rollout undo deployment/marketplace-api -n topsteel-marketplace' },
        { lang: 'bash', code: 'kubectl rollout status deployment/marketplace-api -n topsteel-marketplace' },
      ],
      destructive: true,
      expected: { fr: '« successfully rolled out »', en: '“successfully rolled out”' },
      verify: {
        fr: 'L’image du conteneur api est celle de la révision précédente.',
        en: 'The api container image is the previous revision’s.',
      },
    },
    {
      id: 'undo-web',
      title: { fr: 'Rollback du front web', en: 'Roll back the web front' },
      explanation: {
        fr: 'Même opération pour le déploiement web.',
        en: 'The same for the web deployment.',
      },
      runbook: './runbook rollback native',
      commands: [
        { lang: 'bash', code: 'kubectl rollout undo deployment/marketplace-web -n topsteel-marketplace' },
        { lang: 'bash', code: 'kubectl rollout status deployment/marketplace-web -n topsteel-marketplace' },
      ],
      destructive: true,
      expected: { fr: '« successfully rolled out »', en: '“successfully rolled out”' },
      verify: {
        fr: 'L’image du conteneur web est celle de la révision précédente.',
        en: 'The web container image is the previous revision’s.',
      },
    },
  ],
};
