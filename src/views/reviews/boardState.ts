/**
 * The reviews board's filters for this run of the console: module state, as the case list's
 * (src/views/cases/listState.ts), so an agent who opens a case from the board and comes back finds the
 * board as they left it, while a reload or a new start shows every open review again.
 */
import { reactive } from 'vue'
import type { BoardStatus } from '@/stores/reviewHelpers'

export const OWNER_FILTERS = ['team', 'mine', 'unowned'] as const

export const boardState = reactive({
  statuses: [] as BoardStatus[],
  /** Team mode: whose reviews (team: everyone's). */
  owner: 'team' as (typeof OWNER_FILTERS)[number],
})
