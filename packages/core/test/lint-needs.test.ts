import { describe, expect, it } from 'vitest';
import { builtinPlan, parseRunbook } from '../src/index.ts';
import { kubectlObjects } from '../src/lint/app-names.ts';

const copy = () => structuredClone(builtinPlan) as unknown as Record<string, any>;
const NOW = { now: new Date('2024-02-01') };
const templateIndex = (rb: Record<string, any>, id: string) =>
  rb.templates.findIndex((t: any) => t.id === id);

describe('lint: what the commands need of the templates', () => {
  it('the TopSteel plan has every template the commands use', () => {
    const { errors, warnings } = parseRunbook(copy(), NOW);
    expect(errors).toEqual([]);
    expect(warnings.filter((w) => w.rule.startsWith('template'))).toEqual([]);
  });

  it('a missing customer or postmortem template is an error naming the command', () => {
    const bad = copy();
    bad.templates = bad.templates.filter((t: { id: string }) => t.id === 'internal');
    const { errors } = parseRunbook(bad, NOW);
    expect(errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'templates: missing template "customer", used by notify --template customer',
      'templates: missing template "postmortem", used by postmortem and the drill',
    ]);
  });

  it('an internal placeholder emergency cannot fill, without a default, is an error', () => {
    const bad = copy();
    const i = templateIndex(bad, 'internal');
    bad.templates[i].placeholders.push({
      name: 'ticket',
      label: { fr: 'Ticket', en: 'Ticket' },
      type: 'text',
    });
    bad.templates[i].body.fr += ' {{ticket}}';
    bad.templates[i].body.en += ' {{ticket}}';
    const { errors } = parseRunbook(bad, NOW);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe(`templates[${i}].placeholders[6]`);
    expect(errors[0]!.message).toContain('emergency and the drill cannot fill it');
  });

  it('a customer placeholder without a default is a warning: notify takes --var', () => {
    const bad = copy();
    const i = templateIndex(bad, 'customer');
    delete bad.templates[i].placeholders[0].default;
    const { errors, warnings } = parseRunbook(bad, NOW);
    expect(errors).toEqual([]);
    const w = warnings.find((x) => x.rule === 'template-value');
    expect(w?.path).toBe(`templates[${i}].placeholders[0]`);
    expect(w?.message).toContain('--var');
  });
});

describe('lint: deployments and services that belong to no app', () => {
  it('reads the objects a kubectl command names, not flags or values', () => {
    expect(kubectlObjects('kubectl get deployment a-blue b-blue -n ns')).toEqual([
      ['deployment', 'a-blue'],
      ['deployment', 'b-blue'],
    ]);
    expect(kubectlObjects('kubectl set image deployment/api api=img:v1 -n ns')).toEqual([
      ['deployment', 'api'],
    ]);
    expect(kubectlObjects('kubectl get deployments -n ns')).toEqual([]);
    expect(kubectlObjects('kubectl scale deployment api --replicas=$REPLICAS')).toEqual([
      ['deployment', 'api'],
    ]);
    expect(kubectlObjects('kubectl get svc/web-svc -o yaml')).toEqual([['service', 'web-svc']]);
  });

  it('reports a command aimed at a deployment or a service of no app', () => {
    const bad = copy();
    bad.procedures[1].steps[2].commands[0].code =
      'kubectl rollout undo deployment/old-api -n topsteel-marketplace';
    bad.quickCommands[0].manual = 'kubectl patch svc legacy-service -n topsteel-marketplace -p {}';
    const { errors } = parseRunbook(bad, NOW);
    expect(errors.map((e) => `${e.path}: ${e.message.split(',')[0]}`)).toEqual([
      'procedures[1].steps[2].commands[0].code: command names deployment "old-api"',
      'quickCommands[0].manual: command names service "legacy-service"',
    ]);
  });
});

describe('schema: Kubernetes names are DNS-1123', () => {
  it('refuses a namespace, service, container or deployment the API server would refuse', () => {
    const bad = copy();
    bad.meta.namespace = 'TopSteel_Marketplace';
    bad.meta.apps[0].service = 'api.service';
    bad.meta.apps[0].container = 'a'.repeat(64);
    bad.meta.apps[1].deployment = '-web';
    const { errors } = parseRunbook(bad, NOW);
    expect(errors.map((e) => e.path)).toEqual([
      'meta.namespace',
      'meta.apps[0].service',
      'meta.apps[0].container',
      'meta.apps[1].deployment',
    ]);
    expect(errors[0]!.message).toContain('DNS-1123');
  });

  it('accepts a deployment name with dots (a DNS-1123 subdomain) and a prefixed label key', () => {
    const ok = copy();
    ok.meta.apps[0].deployment = 'marketplace.api';
    ok.meta.apps[0].colorLabel = 'example.com/color';
    ok.procedures = ok.procedures.map((p: { steps: { commands: unknown[] }[] }) => ({
      ...p,
      steps: p.steps.map((s) => ({ ...s, commands: [] })),
    }));
    ok.quickCommands = [];
    const { errors } = parseRunbook(ok, NOW);
    expect(errors).toEqual([]);
  });
});
