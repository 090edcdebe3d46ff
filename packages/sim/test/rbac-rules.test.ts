/** The RBAC sim's request attributes and rule matching, case by case as upstream derives and matches them. */
import { describe, expect, it } from 'vitest';
import { type PolicyRule, ruleAllows } from '../src/rbac.ts';
import { requestAttributes } from '../src/request-info.ts';

const attrs = (method: string, url: string) => {
  const u = new URL(url, 'https://sim');
  return requestAttributes(method, u.pathname, u.searchParams);
};

describe('request attributes (requestinfo.go)', () => {
  it.each([
    ['GET', '/api/v1/namespaces/ns/pods', 'list', '', 'pods', '', ''],
    ['GET', '/api/v1/namespaces/ns/pods?watch=true', 'watch', '', 'pods', '', ''],
    ['GET', '/api/v1/namespaces/ns/pods?watch=false', 'list', '', 'pods', '', ''],
    [
      'GET',
      '/api/v1/namespaces/ns/pods?fieldSelector=metadata.name%3Dp1&watch=1',
      'watch',
      '',
      'pods',
      '',
      'p1',
    ],
    ['GET', '/api/v1/watch/namespaces/ns/pods', 'watch', '', 'pods', '', ''],
    ['GET', '/api/v1/namespaces/ns/pods/p1/log', 'get', '', 'pods', 'log', 'p1'],
    [
      'PATCH',
      '/apis/apps/v1/namespaces/ns/deployments/d/scale',
      'patch',
      'apps',
      'deployments',
      'scale',
      'd',
    ],
    [
      'PUT',
      '/apis/coordination.k8s.io/v1/namespaces/ns/leases/l',
      'update',
      'coordination.k8s.io',
      'leases',
      '',
      'l',
    ],
    ['POST', '/apis/batch/v1/namespaces/ns/jobs', 'create', 'batch', 'jobs', '', ''],
    ['DELETE', '/api/v1/namespaces/ns/pods', 'deletecollection', '', 'pods', '', ''],
    ['DELETE', '/api/v1/namespaces/ns/pods/p1', 'delete', '', 'pods', '', 'p1'],
    ['GET', '/api/v1/namespaces/ns/services/s:80/proxy/health/x', 'get', '', 'services', 'proxy', 's:80'],
    ['GET', '/api/v1/namespaces/ns', 'get', '', 'namespaces', '', 'ns'],
    ['PUT', '/api/v1/namespaces/ns/finalize', 'update', '', 'namespaces', 'finalize', 'ns'],
  ])('%s %s: %s', (method, url, verb, apiGroup, resource, subresource, name) => {
    expect(attrs(method, url)).toMatchObject({
      resourceRequest: true,
      verb,
      apiGroup,
      resource,
      subresource,
      name,
    });
  });

  it('discovery, /version and the like are non-resource requests with the lower-cased method as verb', () => {
    for (const path of ['/api', '/api/v1', '/apis', '/apis/apps', '/apis/apps/v1', '/version', '/openapi/v3'])
      expect(attrs('GET', path)).toMatchObject({ resourceRequest: false, verb: 'get', path });
  });
});

describe('rule matching (RuleAllows)', () => {
  const rule = (r: Partial<PolicyRule>): PolicyRule => ({
    verbs: ['get'],
    apiGroups: ['apps'],
    resources: ['deployments'],
    ...r,
  });
  const scale = attrs('PATCH', '/apis/apps/v1/namespaces/ns/deployments/d/scale');
  const get = attrs('GET', '/apis/apps/v1/namespaces/ns/deployments/d');

  it('matches verb, group and resource, each with *', () => {
    expect(ruleAllows(rule({}), get)).toBe(true);
    expect(ruleAllows(rule({ verbs: ['list'] }), get)).toBe(false);
    expect(ruleAllows(rule({ verbs: ['*'] }), get)).toBe(true);
    expect(ruleAllows(rule({ apiGroups: [''] }), get)).toBe(false);
    expect(ruleAllows(rule({ apiGroups: ['*'] }), get)).toBe(true);
    expect(ruleAllows(rule({ resources: ['*'] }), get)).toBe(true);
  });

  it('a subresource needs resource/subresource, */subresource or *: the resource alone is not enough', () => {
    expect(ruleAllows(rule({ verbs: ['patch'] }), scale)).toBe(false);
    expect(ruleAllows(rule({ verbs: ['patch'], resources: ['deployments/scale'] }), scale)).toBe(true);
    expect(ruleAllows(rule({ verbs: ['patch'], resources: ['*/scale'] }), scale)).toBe(true);
    expect(ruleAllows(rule({ verbs: ['patch'], resources: ['*/status'] }), scale)).toBe(false);
    expect(ruleAllows(rule({ verbs: ['patch'], resources: ['*'] }), scale)).toBe(true);
  });

  it('resourceNames limit a rule to those names; a list (no name) does not match them', () => {
    expect(ruleAllows(rule({ resourceNames: ['d'] }), get)).toBe(true);
    expect(ruleAllows(rule({ resourceNames: ['other'] }), get)).toBe(false);
    const list = attrs('GET', '/apis/apps/v1/namespaces/ns/deployments');
    expect(ruleAllows(rule({ verbs: ['list'], resourceNames: ['d'] }), list)).toBe(false);
  });

  it('nonResourceURLs match exactly or by a trailing *', () => {
    const r: PolicyRule = { verbs: ['get'], nonResourceURLs: ['/apis/*', '/version'] };
    expect(ruleAllows(r, attrs('GET', '/version'))).toBe(true);
    expect(ruleAllows(r, attrs('GET', '/apis/apps/v1'))).toBe(true);
    expect(ruleAllows(r, attrs('GET', '/healthz'))).toBe(false);
    expect(ruleAllows(r, attrs('POST', '/version'))).toBe(false);
  });
});
