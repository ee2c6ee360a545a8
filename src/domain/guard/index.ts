export * from './idNumbers'
export * from './secrets'
