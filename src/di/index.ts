/**
 * Dependency injection's one public door: providers and their kinds, names read from parameter
 * patterns, the graph check, phases, per-request resolution and the built-in injectables. Every
 * other room imports DI from here (test/architecture.test.ts checks it).
 */
export { BUILT_IN_PROVIDERS, PARSED_BODY, PATH_PARAMS } from './built-ins.js'
export { orderProviders } from './graph.js'
export { type InferredNames, inferInjectedNames } from './infer-names.js'
export {
  groupByPhase,
  isLater,
  latestPhase,
  PHASES,
  type Phase,
  type PhasedProviders,
  type PhaseSteps,
} from './phase.js'
export {
  type ContextFunction,
  invalidNameReason,
  type Provider,
  type ProviderKind,
  type ResolveFn,
} from './provider.js'
export { INJECT, type InferredNamesCache, type InjectOptions, readInjection } from './read-injection.js'
export { checkNameFree, ProviderRegistry } from './registry.js'
export type { LogFn, RequestLogger } from './request-logger.js'
export type { RequestState, RouteInjection } from './request-state.js'
export { resolvePhase, resumePhase, seedContext } from './resolve-phase.js'
export {
  type CheckWrapper,
  createStartupValues,
  orderStartup,
  runShutdownHooks,
  type ShutdownHook,
  type StartupFactory,
  startupProvider,
} from './startup.js'
export { isThenable, whenSettled } from './thenable.js'
export { wrapSteps } from './wrap-steps.js'
