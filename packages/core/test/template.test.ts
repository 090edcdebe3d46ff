import { describe, expect, it } from 'vitest';
import { checkTemplateVars, cleanValue, defaultRunbook, renderTemplate } from '../src/index.ts';

const runbook = defaultRunbook();
const internal = {
  start: '03:12',
  impact: 'API 5xx',
  version: 'v1.2.3',
  eta: '10 min',
  followUp: 'https://chat.example/incidents',
};

describe('cleanValue', () => {
  it('removes ANSI sequences (CSI, OSC), C0/C1 controls and bidi overrides; keeps newlines and tabs', () => {
    expect(cleanValue('a\u001b[2J\u001b[31mb\u001b[0m')).toBe('ab');
    expect(cleanValue('a\u001b]0;pwned\u0007b\u001b]8;;http://x\u001b\\c')).toBe('abc');
    expect(cleanValue('a\rb\u0008c\u007fd\u009be\u0000f')).toBe('abcdef');
    expect(cleanValue('x\u202eyz\u2066w')).toBe('xyzw');
    expect(cleanValue('- 03:12 start\n- 03:20\tend')).toBe('- 03:12 start\n- 03:20\tend');
    expect(cleanValue('Échec à 20 % — ok')).toBe('Échec à 20 % — ok');
  });
});

describe('renderTemplate', () => {
  it('never lets a control character of a value into the text', () => {
    const text = renderTemplate(runbook, 'internal', { ...internal, impact: 'x\u001b[2Jy\u0007' }, 'en');
    expect(text).toContain('Impact: xy\n');
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});

describe('checkTemplateVars', () => {
  it('accepts well-typed values', () => {
    expect(() => checkTemplateVars(runbook, 'internal', internal)).not.toThrow();
    expect(() =>
      checkTemplateVars(runbook, 'internal', {
        version: 'v10.20.30-rc.1',
        start: '2026-11-26T03:12:00Z',
        eta: '1h30',
      }),
    ).not.toThrow();
    expect(() =>
      checkTemplateVars(runbook, 'postmortem', {
        date: '2024-01-15',
        duration: '42 minutes',
        usersAffected: '1200',
      }),
    ).not.toThrow();
  });

  it.each([
    ['internal', 'version', 'latest', '--var version: expected a version like v1.2.3, got "latest"'],
    ['internal', 'version', '1.2', '--var version: expected a version like v1.2.3, got "1.2"'],
    ['internal', 'start', 'soon', '--var start: expected a time like 14:05, got "soon"'],
    ['internal', 'start', '25:00', '--var start: expected a time like 14:05, got "25:00"'],
    ['internal', 'eta', 'bientôt', '--var eta: expected a duration like 30 min, got "bientôt"'],
    ['internal', 'followUp', 'javascript:alert(1)', '--var followUp: expected an http(s) URL'],
    ['customer', 'statusUrl', 'status page', '--var statusUrl: expected an http(s) URL'],
    ['postmortem', 'date', '2024-02-30', '--var date: expected a date like 2024-01-15, got "2024-02-30"'],
    ['postmortem', 'usersAffected', 'many', '--var usersAffected: expected a number like 1200, got "many"'],
  ])('%s: %s=%s is refused', (id, name, value, message) => {
    expect(() => checkTemplateVars(runbook, id, { [name]: value })).toThrow(message);
  });

  it('refuses an unknown variable, naming the ones expected', () => {
    expect(() => checkTemplateVars(runbook, 'customer', { nope: 'x' })).toThrow(/no placeholder "nope"/);
  });
});
