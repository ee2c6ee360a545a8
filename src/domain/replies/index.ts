/** Scripted replies: context, rendering, library, pre-send check, quick insert. */
export * from './context'
export * from './engine'
export * from './library'
export * from './placeholders'
export * from './presend'
export * from './search'
export { METHOD_DONE_PHRASES, METHOD_NEXT_PHRASES, emailAdvice, joinList } from './phrases'
export { trialContext, trialRenderImport, trialRenderProblem, type TrialTemplate } from './trial'
