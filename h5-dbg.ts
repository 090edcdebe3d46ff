import { startSimCluster } from './packages/sim/src/index.ts';
import { TEST_NAMESPACE, TEST_WORLD } from './packages/sim/test/_world.ts';
const s = await startSimCluster({ namespace: TEST_NAMESPACE, world: TEST_WORLD, traffic: 0, kubeconfig: '/tmp/h5-kc', rbac: { users: ['deployer'] } , log: console.log});
console.log('up', s.server);
setTimeout(() => s.stop(), 60000);
