/**
 * @runbook/drill: a rollback rehearsed end to end on a simulated cluster built from the runbook (or on a real
 * one), journaled and timed against the plan's targets. The only package that needs the sim, the site and
 * the printout.
 */
export { type Artifacts, ensureArtifacts } from './artifacts.ts';
export { BROKEN_REGION, REGIONS, type RegionRow, regionsKubeconfig } from './regions.ts';
export { clustersTable, type FinalState, type TargetRow, targetsTable, timeline } from './report.ts';
export { type DrillOptions, type DrillResult, runDrill } from './run.ts';
export { BAD_TAG, SCENARIO_SPECS, SCENARIOS, type Scenario, type ScenarioSpec } from './scenarios.ts';
export { type SimWorld, simWorld } from './sim-world.ts';
