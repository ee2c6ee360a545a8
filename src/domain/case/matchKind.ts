/**
 * How a case matched a look-up, and their order. Its own module, without the phone-number library: the Ctrl+K
 * result rows (first screen) label the kinds, while the look-up itself loads only when the agent searches.
 */
export type MatchKind = 'uid' | 'phone' | 'caseNumber' | 'email' | 'phoneSuffix' | 'uidPrefix'

/** Lower ranks first. */
export const MATCH_RANK: Record<MatchKind, number> = {
  uid: 0,
  phone: 1,
  caseNumber: 2,
  email: 3,
  phoneSuffix: 4,
  uidPrefix: 5,
}
