/** Chat intake: proposals for a case from the user's own words (see ./extract.ts). */
export * from './words'
export * from './bundled'
export * from './extract'
export * from './apply'
export * from './preview'
