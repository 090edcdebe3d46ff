/** The three templates the commands use (see lint/command-needs.ts), in the skeleton's plain words. */
import type { RunbookInput } from '../schemas/index.ts';

type Text = Record<string, string>;

export function skeletonTemplates(service: string, t: (s: string) => Text): RunbookInput['templates'] {
  const p = (
    name: string,
    label: string,
    type: 'text' | 'time' | 'date' | 'duration' | 'version' | 'url',
    def?: string,
  ) => ({
    name,
    label: t(label),
    type,
    ...(def === undefined ? {} : { default: t(def) }),
  });
  return [
    {
      id: 'internal',
      audience: 'internal',
      title: t('Internal notice'),
      body: t(
        `INCIDENT IN PROGRESS - ${service}\n\nStatus: {{status}}\nStarted: {{start}}\nImpact: {{impact}}\nAction: rollback to version {{version}}\nETA: {{eta}}\n\nFollow-up: {{followUp}}`,
      ),
      placeholders: [
        p('status', 'Status', 'text', 'Rollback in progress'),
        p('start', 'Start time', 'time'),
        p('impact', 'Impact', 'text'),
        p('version', 'Target version', 'version'),
        p('eta', 'Estimate', 'duration'),
        p('followUp', 'Follow-up link', 'url'),
      ],
    },
    {
      id: 'customer',
      audience: 'customer',
      title: t('Customer notice'),
      body: t(
        'We are experiencing technical difficulties and are working on a fix.\n\nEstimated time: {{eta}}\nStatus: {{statusUrl}}',
      ),
      placeholders: [
        p('eta', 'Estimated time', 'duration', '30 minutes'),
        p('statusUrl', 'Status page', 'url', 'https://status.example.com'),
      ],
    },
    {
      id: 'postmortem',
      audience: 'post-mortem',
      title: t('Post-mortem'),
      body: t(
        '# Post-mortem: {{date}} {{incident}}\n\n- Duration: {{duration}}\n- Versions: {{versions}}\n\n## Timeline\n{{timeline}}\n\n## Root cause\n{{rootCause}}\n\n## Corrective actions\n{{actions}}',
      ),
      placeholders: [
        p('date', 'Date', 'date'),
        p('incident', 'Incident', 'text'),
        p('duration', 'Duration', 'duration'),
        p('versions', 'Versions', 'text'),
        p('timeline', 'Timeline', 'text'),
        p('rootCause', 'Root cause', 'text', '[to write]'),
        p('actions', 'Corrective actions', 'text', '[to write]'),
      ],
    },
  ];
}
