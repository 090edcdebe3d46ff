import type { RunbookInput } from '../../schemas/index.ts';

type Procedure = RunbookInput['procedures'][number];

export const version: Procedure = {
  id: 'version',
  kind: 'rollback',
  title: {
    fr: 'Option 3 : rollback vers une version spécifique',
    en: 'Option 3: roll back to a specific version',
  },
  whenToUse: {
    fr: 'La révision précédente est elle-même mauvaise : fixer une version stable connue (par défaut v1.2.3).',
    en: 'The previous revision is bad too: pin a known stable version (v1.2.3 by default).',
  },
  targetDuration: { min: '2m', max: '5m' },
  preconditions: [
    { fr: 'Le tag existe dans le registre d’images', en: 'The tag exists in the image registry' },
    { fr: 'Le tag a la forme vX.Y.Z', en: 'The tag has the shape vX.Y.Z' },
  ],
  runbook: './runbook rollback version v1.2.3',
  steps: [
    {
      id: 'validate-tag',
      title: { fr: 'Valider le tag', en: 'Validate the tag' },
      explanation: {
        fr: 'Le tag ne doit contenir que la forme vX.Y.Z : rien d’autre ne passe dans une commande.',
        en: 'The tag must have the vX.Y.Z shape only: nothing else reaches a command.',
      },
      runbook: './runbook rollback version v1.2.3 --dry-run',
      commands: [],
      destructive: false,
      expected: { fr: 'Le tag est accepté.', en: 'The tag is accepted.' },
      verify: { fr: 'Un tag mal formé est refusé, code 2.', en: 'A malformed tag is refused, exit code 2.' },
    },
    {
      id: 'set-images',
      title: { fr: 'Mettre à jour les images', en: 'Set the images' },
      explanation: {
        fr: 'Changer l’image des conteneurs api et web vers la version choisie.',
        en: 'Set the image of the api and web containers to the chosen version.',
      },
      runbook: './runbook rollback version v1.2.3',
      commands: [
        {
          lang: 'bash',
          code: 'kubectl set image deployment/marketplace-api api=ghcr.io/topsteel/marketplace-api:v1.2.3 -n topsteel-marketplace',
        },
        {
          lang: 'bash',
          code: 'kubectl set image deployment/marketplace-web web=ghcr.io/topsteel/marketplace-web:v1.2.3 -n topsteel-marketplace',
        },
      ],
      destructive: true,
      expected: { fr: 'Deux nouvelles révisions.', en: 'Two new revisions.' },
      verify: {
        fr: 'kubectl rollout history montre la nouvelle révision.',
        en: 'kubectl rollout history shows the new revision.',
      },
    },
    {
      id: 'wait-rollout',
      title: { fr: 'Attendre la stabilisation', en: 'Wait for stabilisation' },
      explanation: {
        fr: 'Attendre que toutes les répliques à jour soient disponibles.',
        en: 'Wait until every updated replica is available.',
      },
      runbook: './runbook rollback version v1.2.3',
      commands: [
        { lang: 'bash', code: 'kubectl rollout status deployment/marketplace-api -n topsteel-marketplace' },
        { lang: 'bash', code: 'kubectl rollout status deployment/marketplace-web -n topsteel-marketplace' },
      ],
      destructive: false,
      expected: { fr: '« successfully rolled out »', en: '“successfully rolled out”' },
      verify: { fr: 'Les pods tournent l’image demandée.', en: 'The pods run the requested image.' },
    },
  ],
};
