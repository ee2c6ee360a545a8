/** The case list's orders: a field and a direction, or escalated cases by their review's due date. */
export const CASE_LIST_SORTS = [
  'updatedAt-desc',
  'updatedAt-asc',
  'createdAt-desc',
  'createdAt-asc',
  'agent-asc',
  'agent-desc',
  'slaDue-asc',
] as const
export type CaseListSortKey = (typeof CASE_LIST_SORTS)[number]

/**
 * The case list sorted by SLA due date: escalated cases whose review is open come first, the soonest due at
 * the top (ties keep the order they came in); every other case follows in the order it came in (the list's
 * own order, e.g. recently updated first).
 */
export function orderByDue(ids: readonly number[], dueByCase: ReadonlyMap<number, number>): number[] {
  const due: number[] = []
  const rest: number[] = []
  for (const id of ids) (dueByCase.has(id) ? due : rest).push(id)
  // Array.prototype.sort is stable: ties keep the incoming order
  due.sort((a, b) => (dueByCase.get(a) ?? 0) - (dueByCase.get(b) ?? 0))
  return due.concat(rest)
}
