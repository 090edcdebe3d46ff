/** Pod template annotations that tell the simulated app which world app a pod runs and which label is its colour. */
export const APP_ANNOTATION = 'sim.runbook/app';
export const COLOR_LABEL_ANNOTATION = 'sim.runbook/color-label';
