import type { RunbookInput } from '../schemas/index.ts';

export const meta: RunbookInput['meta'] = {
  languages: ['fr', 'en'],
  title: {
    fr: "Plan de Rollback d'Urgence - TopSteel Marketplace",
    en: 'Emergency Rollback Plan - TopSteel Marketplace',
  },
  service: 'topsteel-marketplace',
  namespace: 'topsteel-marketplace',
  version: '1.0.0',
  lastReviewed: '2024-01-15',
  reviewInterval: '90d',
  owners: ['lead-devops'],
  docsUrl: 'https://runbook.topsteel.com',
  stableVersion: 'v1.2.3',
  apps: [
    {
      id: 'api',
      label: { fr: 'API', en: 'API' },
      deployment: 'marketplace-api',
      blueDeployment: 'marketplace-api-blue',
      service: 'marketplace-api-service',
      container: 'api',
      image: 'ghcr.io/topsteel/marketplace-api',
      healthPath: '/health',
    },
    {
      id: 'web',
      label: { fr: 'Front web', en: 'Web front' },
      deployment: 'marketplace-web',
      blueDeployment: 'marketplace-web-blue',
      service: 'marketplace-web-service',
      container: 'web',
      image: 'ghcr.io/topsteel/marketplace-web',
      healthPath: '/health',
    },
  ],
  environments: {
    production: {
      kubeContext: 'topsteel-production',
      healthUrls: {
        api: 'https://api.topsteel.com/health',
        web: 'https://marketplace.topsteel.com/api/health',
      },
      metricsUrls: { api: 'https://api.topsteel.com/metrics' },
      prometheusUrl: 'https://prometheus.topsteel.com',
      database: {
        host: 'postgres.topsteel.com',
        port: 5432,
        user: 'topsteel_prod',
        name: 'topsteel_marketplace',
      },
    },
    sim: {
      kubeContext: 'sim',
      healthUrls: null,
      prometheusUrl: null,
      database: null,
      simulated: true,
    },
  },
  backups: { dir: '/backups', pattern: 'marketplace_{stamp}.dump' },
  migrations: {
    table: 'migrations',
    revertCommand: ['npm', 'run', 'migration:revert'],
    revertImageTag: 'stable',
  },
  appVersions: [
    { version: 'v1.2.2', lastMigration: 'CreateOrders1702000000000' },
    { version: 'v1.2.3', lastMigration: 'AddPaymentStatus1704000000000' },
    { version: 'v1.2.4', lastMigration: 'AddMarketplaceNewFeature1705000000000' },
  ],
  criticalTests: ['npm', 'run', 'test:critical'],
  notice: {
    fr: 'IMPORTANT : ce document doit être accessible hors ligne et imprimé dans la salle serveur.',
    en: 'IMPORTANT: this document must be readable offline and printed in the server room.',
  },
};
