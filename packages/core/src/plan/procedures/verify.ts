import type { RunbookInput } from '../../schemas/index.ts';

type Procedure = RunbookInput['procedures'][number];

export const verify: Procedure = {
  id: 'verify',
  kind: 'verification',
  title: { fr: 'Vérification post-rollback', en: 'Post-rollback verification' },
  whenToUse: {
    fr: 'Après chaque rollback, avant de déclarer le service rétabli.',
    en: 'After every rollback, before declaring the service restored.',
  },
  targetDuration: { min: '10s', max: '2m' },
  preconditions: [{ fr: 'Le rollback est terminé', en: 'The rollback has finished' }],
  runbook: './runbook verify',
  steps: [
    {
      id: 'service-health',
      title: { fr: 'Santé des services', en: 'Service health' },
      explanation: {
        fr: 'Interroger /health de l’API et du front.',
        en: 'Query /health of the API and the web front.',
      },
      runbook: './runbook verify',
      commands: [
        { lang: 'bash', code: 'curl -fsS https://api.topsteel.com/health | jq .' },
        { lang: 'bash', code: 'curl -fsS https://marketplace.topsteel.com/api/health | jq .' },
      ],
      destructive: false,
      expected: { fr: 'HTTP 200 et un statut « ok ».', en: 'HTTP 200 and an “ok” status.' },
      verify: { fr: 'Un échec fait échouer la vérification.', en: 'A failure fails the verification.' },
    },
    {
      id: 'key-metrics',
      title: { fr: 'Métriques clés', en: 'Key metrics' },
      explanation: {
        fr: 'Taux d’erreur et P95 calculés depuis /metrics, comparés aux seuils des critères.',
        en: 'Error rate and P95 computed from /metrics, compared with the criteria thresholds.',
      },
      runbook: './runbook verify',
      commands: [
        { lang: 'bash', code: 'curl -s https://api.topsteel.com/metrics | grep http_request_duration' },
      ],
      destructive: false,
      expected: { fr: 'Sous les seuils.', en: 'Below the thresholds.' },
      verify: {
        fr: 'La ligne « metrics » du tableau est PASS.',
        en: 'The “metrics” row of the table is PASS.',
      },
    },
    {
      id: 'error-logs',
      title: { fr: "Logs d'erreur", en: 'Error logs' },
      explanation: {
        fr: 'Chercher ERROR dans les 100 dernières lignes. Le « grep ERROR || echo » du plan ne peut jamais échouer ; ici, trouver des erreurs fait échouer la vérification.',
        en: 'Look for ERROR in the last 100 lines. The plan’s “grep ERROR || echo” can never fail; here, finding errors fails the verification.',
      },
      runbook: './runbook verify',
      commands: [
        {
          lang: 'bash',
          code: '! kubectl logs -l app=marketplace-api --tail=100 -n topsteel-marketplace | grep ERROR',
        },
      ],
      destructive: false,
      expected: { fr: 'Aucune ligne ERROR.', en: 'No ERROR line.' },
      verify: { fr: 'Code de sortie 0.', en: 'Exit code 0.' },
    },
    {
      id: 'critical-tests',
      title: { fr: 'Tests critiques', en: 'Critical tests' },
      explanation: {
        fr: 'Lancer les tests du parcours critique (commande, paiement).',
        en: 'Run the critical-path tests (order, payment).',
      },
      runbook: './runbook verify',
      commands: [{ lang: 'bash', code: 'npm run test:critical' }],
      destructive: false,
      expected: { fr: 'Tous les tests passent.', en: 'All tests pass.' },
      verify: { fr: 'Code de sortie 0.', en: 'Exit code 0.' },
    },
    {
      id: 'monitoring',
      title: { fr: 'Monitoring', en: 'Monitoring' },
      explanation: {
        fr: 'Ouvrir les tableaux de bord Grafana et Sentry et les surveiller.',
        en: 'Open the Grafana and Sentry dashboards and watch them.',
      },
      commands: [
        { lang: 'bash', code: 'echo "Dashboard: https://grafana.topsteel.com/d/marketplace"' },
        { lang: 'bash', code: 'echo "Sentry: https://sentry.io/organizations/topsteel/issues/"' },
      ],
      destructive: false,
      expected: { fr: 'Courbes revenues à la normale.', en: 'Graphs back to normal.' },
      verify: { fr: 'Pas de nouvelle erreur dans Sentry.', en: 'No new error in Sentry.' },
    },
  ],
};
