import type { RunbookInput } from '../../schemas/index.ts';

type Procedure = RunbookInput['procedures'][number];

export const emergency: Procedure = {
  id: 'emergency',
  kind: 'emergency',
  title: { fr: 'Rollback complet automatique', en: 'Automated full rollback' },
  whenToUse: {
    fr: 'Urgence : enchaîner notification, capture, bascule blue-green, vérification et notification de fin.',
    en: 'Emergency: chain notification, capture, blue-green switch, verification and final notification.',
  },
  targetDuration: { min: '30s', max: '2m' },
  recommended: true,
  preconditions: [
    { fr: 'Blue est prêt', en: 'Blue is ready' },
    { fr: 'SLACK_WEBHOOK est défini pour les notifications', en: 'SLACK_WEBHOOK is set for notifications' },
  ],
  runbook: './runbook emergency',
  steps: [
    {
      id: 'notify-start',
      title: { fr: 'Notification', en: 'Notification' },
      explanation: {
        fr: 'Prévenir l’équipe que le rollback commence.',
        en: 'Tell the team the rollback starts.',
      },
      runbook: './runbook notify --template internal',
      commands: [
        {
          lang: 'bash',
          code: 'curl -X POST "$SLACK_WEBHOOK" -H \'Content-Type: application/json\' -d \'{"text":"Emergency rollback initiated"}\'',
        },
      ],
      destructive: false,
      expected: { fr: 'Message reçu dans le canal.', en: 'Message received in the channel.' },
      verify: { fr: 'HTTP 200 du webhook.', en: 'HTTP 200 from the webhook.' },
    },
    {
      id: 'capture',
      title: { fr: 'Capture état actuel', en: 'Capture the current state' },
      explanation: {
        fr: 'La checklist pré-rollback, automatisée.',
        en: 'The pre-rollback checklist, automated.',
      },
      runbook: './runbook capture-state',
      commands: [
        { lang: 'bash', code: 'kubectl get all -n topsteel-marketplace -o yaml > current-state.yaml' },
      ],
      destructive: false,
      expected: { fr: 'Un dossier de capture.', en: 'A capture folder.' },
      verify: { fr: 'Son chemin est dans le journal.', en: 'Its path is in the journal.' },
    },
    {
      id: 'switch',
      title: { fr: 'Rollback blue-green', en: 'Blue-green rollback' },
      explanation: {
        fr: 'L’option 1, avec ses contrôles : blue prêt, bascule des deux services ou d’aucun.',
        en: 'Option 1, with its checks: blue ready, both services switched or neither.',
      },
      runbook: './runbook rollback blue-green --to blue',
      commands: [
        {
          lang: 'bash',
          code: 'kubectl patch service marketplace-api-service -n topsteel-marketplace -p \'{"spec":{"selector":{"version":"blue"}}}\'',
        },
        {
          lang: 'bash',
          code: 'kubectl patch service marketplace-web-service -n topsteel-marketplace -p \'{"spec":{"selector":{"version":"blue"}}}\'',
        },
      ],
      destructive: true,
      expected: { fr: 'Le trafic va vers blue.', en: 'Traffic goes to blue.' },
      verify: { fr: 'Les endpoints ne contiennent que blue.', en: 'The endpoints hold only blue.' },
    },
    {
      id: 'verify',
      title: { fr: 'Vérification', en: 'Verification' },
      explanation: {
        fr: 'La vérification post-rollback complète ; son résultat décide de la notification de fin.',
        en: 'The full post-rollback verification; its result decides the final notification.',
      },
      runbook: './runbook verify',
      commands: [{ lang: 'bash', code: './runbook verify' }],
      destructive: false,
      expected: { fr: 'Tableau tout PASS.', en: 'Table all PASS.' },
      verify: { fr: 'Code de sortie 0.', en: 'Exit code 0.' },
    },
    {
      id: 'notify-end',
      title: { fr: 'Notification de fin', en: 'Final notification' },
      explanation: {
        fr: 'Succès ou échec, la notification part toujours : avec « set -e », le script du plan n’envoie jamais son avis d’échec.',
        en: 'Success or failure, the notice is always sent: with “set -e”, the plan’s script never sends its failure notice.',
      },
      runbook: './runbook emergency',
      commands: [
        {
          lang: 'bash',
          code: 'curl -X POST "$SLACK_WEBHOOK" -H \'Content-Type: application/json\' -d \'{"text":"Rollback completed successfully"}\'',
        },
      ],
      destructive: false,
      expected: {
        fr: '« Rollback terminé » ou « Vérification échouée – intervention manuelle requise ».',
        en: '“Rollback completed” or “Verification failed – manual intervention required”.',
      },
      verify: { fr: 'Message reçu dans le canal.', en: 'Message received in the channel.' },
    },
  ],
};
