/**
 * The runbook `runbook init` writes: the smallest one that passes `check`, drives the drill, and has every
 * required field, with values a person must still decide marked TODO (in the YAML comments, see
 * skeleton-yaml.ts). Pure: the date comes in as a parameter.
 */
import type { Lang, RunbookInput } from '../schemas/index.ts';
import { skeletonTemplates } from './skeleton-templates.ts';

export interface SkeletonOptions {
  /** Service name, DNS-1123; the apps' deployments and services are named after it. */
  service: string;
  namespace: string;
  /** App ids (`api`, `web`). */
  apps: string[];
  /** The runbook's languages; the texts are written in English in each (the others marked to translate). */
  languages: Lang[];
  /** `YYYY-MM-DD`, the review date written. */
  today: string;
}

type Text = Record<string, string>;
type Meta = RunbookInput['meta'];

/** Names of one app's Kubernetes objects, from the service and the app id. */
export function skeletonAppNames(service: string, app: string) {
  return { deployment: `${service}-${app}`, blue: `${service}-${app}-blue`, service: `${service}-${app}` };
}

function appsOf(o: SkeletonOptions, t: (s: string) => Text): Meta['apps'] {
  return o.apps.map((id) => {
    const names = skeletonAppNames(o.service, id);
    return {
      id,
      label: t(id.toUpperCase()),
      deployment: names.deployment,
      blueDeployment: names.blue,
      service: names.service,
      container: id,
      image: `registry.example.com/${o.service}-${id}`,
      healthPath: '/health',
      port: 3000,
      replicas: 2,
      criticalPath: [],
    };
  });
}

function metaOf(o: SkeletonOptions, t: (s: string) => Text): Meta {
  const none = { healthUrls: null, prometheusUrl: null, database: null };
  return {
    languages: o.languages,
    title: t(`Emergency rollback plan - ${o.service}`),
    service: o.service,
    namespace: o.namespace,
    version: '0.1.0',
    lastReviewed: o.today,
    reviewInterval: '90d',
    owners: ['on-call'],
    docsUrl: 'https://runbook.example.com',
    stableVersion: 'v1.0.0',
    apps: appsOf(o, t),
    environments: {
      production: { kubeContext: null, ...none },
      sim: { kubeContext: 'sim', ...none, simulated: true },
    },
    backups: { dir: '/backups', pattern: `${o.service}_{stamp}.dump` },
    migrations: { revertCommand: ['npm', 'run', 'migration:revert'], revertImageTag: 'stable' },
    criticalTests: ['npm', 'run', 'test:critical'],
    notice: t('Keep this runbook readable offline, and a printed copy where the on-call engineer works.'),
  };
}

function criteriaOf(t: (s: string) => Text): RunbookInput['criteria'] {
  const common = { severity: 'critical', comparator: '>', unit: 'ratio', range: '1m' } as const;
  return [
    {
      id: 'error-rate',
      kind: 'metric',
      ...common,
      label: t('Error rate > 5% for 5 minutes'),
      description: t('Share of 5xx responses among all requests, above 5% for 5 minutes.'),
      signal: 'error-rate',
      threshold: 0.05,
      window: '5m',
      action: 'rollback',
      procedure: 'blue-green',
    },
    {
      id: 'availability',
      kind: 'metric',
      ...common,
      label: t('Availability < 99.5%'),
      description: t('The share of requests served successfully falls below 99.5%.'),
      signal: 'availability',
      comparator: '<',
      threshold: 0.995,
      window: null,
      range: '5m',
      action: 'immediate-rollback',
      procedure: 'emergency',
    },
  ];
}

function proceduresOf(o: SkeletonOptions, t: (s: string) => Text): RunbookInput['procedures'] {
  const ns = o.namespace;
  const names = o.apps.map((a) => skeletonAppNames(o.service, a));
  const bash = (code: string) => ({ lang: 'bash' as const, code });
  const step = (id: string, title: string, explanation: string, commands: string[], destructive = false) => ({
    id,
    title: t(title),
    explanation: t(explanation),
    commands: commands.map(bash),
    destructive,
    expected: t('The command succeeds.'),
    verify: t('Read its output.'),
  });
  return [
    {
      id: 'blue-green',
      title: t('Blue-green rollback'),
      kind: 'rollback',
      whenToUse: t('The new release (green) misbehaves and the previous one (blue) still runs.'),
      targetDuration: { min: '5s', max: '30s' },
      recommended: true,
      preconditions: [t('Every blue replica is Ready.')],
      runbook: './runbook rollback blue-green',
      steps: [
        step(
          'check-target-ready',
          'Check blue is ready',
          'Traffic must not move to pods that cannot serve it.',
          names.map((n) => `kubectl rollout status deployment/${n.blue} -n ${ns} --timeout=10s`),
        ),
        step(
          'switch-traffic',
          'Switch the services to blue',
          'Each service selects the blue pods instead of the green ones.',
          names.map(
            (n) =>
              `kubectl patch service ${n.service} -n ${ns} -p '{"spec":{"selector":{"version":"blue"}}}'`,
          ),
          true,
        ),
      ],
    },
    {
      id: 'emergency',
      title: t('Automated emergency rollback'),
      kind: 'emergency',
      whenToUse: t('A critical criterion trips: notify, capture, switch to blue, verify, notify.'),
      targetDuration: { min: '30s', max: '2m' },
      preconditions: [t('The blue deployments run the previous stable release.')],
      runbook: './runbook emergency',
      steps: [
        {
          ...step('run', 'Run the emergency procedure', 'One command does every step and journals it.', []),
          runbook: './runbook emergency',
          destructive: true,
        },
      ],
    },
  ];
}

/** The whole skeleton as data; `check` passes on it with only the placeholder-phone warning. */
export function runbookSkeleton(o: SkeletonOptions): RunbookInput {
  const t = (s: string): Text => Object.fromEntries(o.languages.map((l) => [l, s]));
  return {
    meta: metaOf(o, t),
    criteria: criteriaOf(t),
    procedures: proceduresOf(o, t),
    checklists: [],
    contacts: [
      {
        id: 'on-call',
        role: t('On-call engineer'),
        name: 'On-call',
        phone: '+1 XXX XXX XXXX',
        email: 'on-call@example.com',
      },
    ],
    escalation: [{ level: 1, fromMinutes: 0, toMinutes: null, contacts: ['on-call'], label: t('On-call') }],
    templates: skeletonTemplates(o.service, t),
    alerts: [],
    dashboards: [],
    quickCommands: [],
  };
}
