import type { RunbookInput } from '../schemas/index.ts';

export const contacts: RunbookInput['contacts'] = [
  {
    id: 'cto',
    role: { fr: 'CTO', en: 'CTO' },
    name: 'Jean Dupont',
    phone: '+33 6 XX XX XX XX',
    email: 'cto@topsteel.com',
  },
  {
    id: 'lead-devops',
    role: { fr: 'Lead DevOps', en: 'Lead DevOps' },
    name: 'Marie Martin',
    phone: '+33 6 XX XX XX XX',
    email: 'devops@topsteel.com',
  },
  {
    id: 'dba',
    role: { fr: 'DBA', en: 'DBA' },
    name: 'Pierre Bernard',
    phone: '+33 6 XX XX XX XX',
    email: 'dba@topsteel.com',
  },
  {
    id: 'security',
    role: { fr: 'Sécurité', en: 'Security' },
    name: 'Sophie Durand',
    phone: '+33 6 XX XX XX XX',
    email: 'security@topsteel.com',
  },
  {
    id: 'on-call',
    role: { fr: 'Astreinte', en: 'On-Call' },
    name: 'Rotation',
    phone: '+33 6 XX XX XX XX',
    email: 'oncall@topsteel.com',
  },
];

export const escalation: RunbookInput['escalation'] = [
  {
    level: 1,
    fromMinutes: 0,
    toMinutes: 15,
    contacts: ['on-call'],
    label: { fr: 'DevOps d’astreinte', en: 'DevOps on-call' },
  },
  {
    level: 2,
    fromMinutes: 15,
    toMinutes: 30,
    contacts: ['lead-devops', 'dba'],
    label: { fr: 'Lead DevOps + DBA', en: 'Lead DevOps + DBA' },
  },
  {
    level: 3,
    fromMinutes: 30,
    toMinutes: null,
    contacts: ['cto', 'security'],
    label: { fr: 'CTO + Sécurité', en: 'CTO + Security' },
  },
];
