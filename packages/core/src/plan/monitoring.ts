import type { RunbookInput } from '../schemas/index.ts';

export const dashboards: RunbookInput['dashboards'] = [
  {
    id: 'grafana',
    name: { fr: 'Grafana Production', en: 'Grafana Production' },
    url: 'https://grafana.topsteel.com/d/marketplace',
    purpose: {
      fr: 'Trafic, erreurs et latence de la marketplace.',
      en: 'Marketplace traffic, errors and latency.',
    },
  },
  {
    id: 'sentry',
    name: { fr: 'Erreurs Sentry', en: 'Sentry Errors' },
    url: 'https://sentry.io/organizations/topsteel/',
    purpose: { fr: 'Nouvelles erreurs applicatives.', en: 'New application errors.' },
  },
  {
    id: 'cloudflare',
    name: { fr: 'Cloudflare Analytics', en: 'Cloudflare Analytics' },
    url: 'https://dash.cloudflare.com/',
    purpose: {
      fr: 'Trafic en bordure et erreurs 5xx vues des clients.',
      en: 'Edge traffic and 5xx errors as clients see them.',
    },
  },
  {
    id: 'stripe',
    name: { fr: 'Stripe Dashboard', en: 'Stripe Dashboard' },
    url: 'https://dashboard.stripe.com/',
    purpose: { fr: 'Paiements échoués.', en: 'Failed payments.' },
  },
];

export const alerts: RunbookInput['alerts'] = [
  {
    id: 'high-error-rate',
    name: { fr: "Taux d'erreur élevé", en: 'High Error Rate' },
    criterion: 'error-rate',
    severity: 'critical',
    action: 'rollback',
  },
  {
    id: 'payment-failures',
    name: { fr: 'Échecs de paiement', en: 'Payment Failures' },
    criterion: 'payment-errors',
    severity: 'critical',
    action: 'immediate-rollback',
  },
  {
    id: 'db-connection-lost',
    name: { fr: 'Connexion base de données perdue', en: 'Database Connection Lost' },
    condition: { metric: 'db_connections', comparator: '==', threshold: 0, window: '1m' },
    severity: 'critical',
    action: 'emergency-rollback',
  },
];

export const quickCommands: RunbookInput['quickCommands'] = [
  {
    id: 'rollback-now',
    alias: 'rollback-now',
    title: { fr: 'Rollback immédiat blue-green', en: 'Immediate blue-green rollback' },
    // Without --yes: the tool asks before switching the traffic.
    runbook: './runbook rollback blue-green --to blue',
    manual:
      'kubectl patch service marketplace-api-service -n topsteel-marketplace -p \'{"spec":{"selector":{"version":"blue"}}}\' && kubectl patch service marketplace-web-service -n topsteel-marketplace -p \'{"spec":{"selector":{"version":"blue"}}}\'',
    destructive: true,
    // The manual patch switches even when blue has no Ready pod: traffic would go nowhere.
    check: {
      runbook: './runbook rollback blue-green --to blue --dry-run',
      manual:
        'kubectl rollout status deployment/marketplace-api-blue -n topsteel-marketplace --timeout=10s && kubectl rollout status deployment/marketplace-web-blue -n topsteel-marketplace --timeout=10s',
    },
  },
  {
    id: 'status',
    alias: 'status',
    title: { fr: 'Status rapide', en: 'Quick status' },
    runbook: './runbook verify',
    manual: 'kubectl get pods -n topsteel-marketplace && curl -s https://api.topsteel.com/health | jq .',
  },
  {
    id: 'errors',
    alias: 'errors',
    title: { fr: "Logs d'erreur", en: 'Error logs' },
    runbook: './runbook verify',
    manual: 'kubectl logs -l app=marketplace-api --tail=100 -n topsteel-marketplace | grep ERROR',
  },
  {
    id: 'metrics',
    alias: 'metrics',
    title: { fr: 'Métriques temps réel', en: 'Real-time metrics' },
    runbook: './runbook decide',
    manual:
      'watch -n 5 "curl -s https://api.topsteel.com/metrics | grep -E \'http_request_duration|error_rate\'"',
  },
];
