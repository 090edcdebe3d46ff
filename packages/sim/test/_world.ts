/**
 * Test fixture: the world the sim's tests run against. These tests are about Kubernetes behaviour; the world
 * only has to look like a real one (two apps, a payment route, a revision history), so it keeps the shape the
 * tests were written for. The sim itself names no world: callers pass one.
 */
import type { WorldApp, WorldRoute } from '../src/index.ts';

export const TEST_NAMESPACE = 'topsteel-marketplace';

const ROUTES: WorldRoute[] = [
  { method: 'GET', path: '/api/products' },
  { method: 'POST', path: '/api/payments', payment: true },
];

export const TEST_WORLD: WorldApp[] = [
  {
    name: 'marketplace-api',
    container: 'api',
    imageRepo: 'ghcr.io/topsteel/marketplace-api',
    replicas: 3,
    blueTag: 'v1.2.3',
    greenHistory: ['v1.2.2', 'v1.2.3', 'v1.2.4'],
    targetPort: 3000,
    routes: ROUTES,
  },
  {
    name: 'marketplace-web',
    container: 'web',
    imageRepo: 'ghcr.io/topsteel/marketplace-web',
    replicas: 2,
    blueTag: 'v1.2.3',
    greenHistory: ['v1.2.2', 'v1.2.3', 'v1.2.4'],
    targetPort: 8080,
    routes: ROUTES,
  },
];
