import type { RunbookInput } from '../../schemas/index.ts';

type Procedure = RunbookInput['procedures'][number];

export const capture: Procedure = {
  id: 'capture-state',
  kind: 'capture',
  title: { fr: 'Checklist pré-rollback : capturer l’état', en: 'Pre-rollback checklist: capture the state' },
  whenToUse: {
    fr: 'Avant tout rollback, pour garder de quoi mener le post-mortem.',
    en: 'Before any rollback, to keep what the post-mortem will need.',
  },
  targetDuration: { min: '10s', max: '1m' },
  preconditions: [{ fr: 'Accès au cluster (kubeconfig)', en: 'Access to the cluster (kubeconfig)' }],
  runbook: './runbook capture-state',
  steps: [
    {
      id: 'check-state',
      title: { fr: "Vérifier l'état actuel", en: 'Check the current state' },
      explanation: {
        fr: 'Lister les déploiements et les pods, et décrire le service API pour voir quelle couleur reçoit le trafic.',
        en: 'List deployments and pods, and describe the API service to see which colour gets the traffic.',
      },
      runbook: './runbook capture-state',
      commands: [
        { lang: 'bash', code: 'kubectl get deployments -n topsteel-marketplace' },
        { lang: 'bash', code: 'kubectl get pods -n topsteel-marketplace' },
        { lang: 'bash', code: 'kubectl describe service marketplace-api-service -n topsteel-marketplace' },
      ],
      destructive: false,
      expected: {
        fr: 'Les déploiements blue et green sont listés ; le sélecteur du service montre la couleur active.',
        en: 'Blue and green deployments are listed; the service selector shows the active colour.',
      },
      verify: {
        fr: 'La colonne READY de chaque déploiement est lue et notée.',
        en: 'The READY column of each deployment is read and noted.',
      },
    },
    {
      id: 'capture-logs',
      title: { fr: 'Capturer les logs pour analyse post-mortem', en: 'Capture the logs for the post-mortem' },
      explanation: {
        fr: 'Les 1000 dernières lignes de log de l’API et du front, horodatées, avant que le rollback ne remplace les pods.',
        en: 'The last 1000 log lines of the API and the web front, timestamped, before the rollback replaces the pods.',
      },
      runbook: './runbook capture-state',
      commands: [
        {
          lang: 'bash',
          code: 'kubectl logs -l app=marketplace-api --tail=1000 -n topsteel-marketplace > api-logs-$(date +%Y%m%d-%H%M%S).log',
        },
        {
          lang: 'bash',
          code: 'kubectl logs -l app=marketplace-web --tail=1000 -n topsteel-marketplace > web-logs-$(date +%Y%m%d-%H%M%S).log',
        },
      ],
      destructive: false,
      expected: { fr: 'Deux fichiers de logs non vides.', en: 'Two non-empty log files.' },
      verify: { fr: 'wc -l sur chaque fichier.', en: 'wc -l on each file.' },
    },
    {
      id: 'save-state',
      title: { fr: "Sauvegarder l'état actuel", en: 'Save the current state' },
      explanation: {
        fr: 'Tous les objets du namespace en YAML : déploiements, ReplicaSets (révisions, images), pods, services, endpoints. Les secrets ne sont jamais écrits.',
        en: 'Every object of the namespace as YAML: deployments, ReplicaSets (revisions, images), pods, services, endpoints. Secrets are never written.',
      },
      runbook: './runbook capture-state',
      commands: [
        {
          lang: 'bash',
          code: 'kubectl get all -n topsteel-marketplace -o yaml > current-state-$(date +%Y%m%d-%H%M%S).yaml',
        },
      ],
      destructive: false,
      expected: {
        fr: 'Un dossier horodaté contenant l’état.',
        en: 'A timestamped folder holding the state.',
      },
      verify: {
        fr: 'Le fichier contient les services et leurs sélecteurs.',
        en: 'The file holds the services and their selectors.',
      },
    },
  ],
};
