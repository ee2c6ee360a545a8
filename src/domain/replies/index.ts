/** Scripted replies: context, rendering, library, pre-send check, quick insert. */
export * from './context'
export * from './engine'
export * from './library'
export * from './placeholders'
export * from './presend'
export * from './search'
export { trialRenderImport, trialRenderProblem } from './trial'
