// How the case workflows are bundled: the one place every worker (the product's, the tests', the replayer) takes them from.

/**
 * Modules loaded once per workflow thread and shared by every case on it, instead of once per case: the Norwegian
 * holiday calendar (date-holidays carries every country's rules and, through moment-timezone, every time zone; loading
 * and evaluating them per case cost more worker time than a case's transitions, and memory in every cached case).
 * Only pure modules belong here: their state is caches of pure functions of their arguments (holidays of a year, the
 * start of a civil day), the same for every case and every replay, so sharing them cannot change what a case does.
 * The case machine and xstate stay per case: xstate keeps a module counter for actor ids.
 */
export const WORKFLOW_PRELOAD_MODULES = [
  require.resolve('date-holidays'),
  require.resolve('../../calendar/src/civil-date'),
  require.resolve('../../calendar/src/norwegian-calendar'),
];

/** The workflows and the bundler options for them (WorkerOptions and ReplayWorkerOptions take both). */
export const caseWorkflowBundle = () => ({
  workflowsPath: require.resolve('../../../workflows'),
  bundlerOptions: { preloadModules: WORKFLOW_PRELOAD_MODULES },
});
