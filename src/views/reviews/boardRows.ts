import { computed, type ComputedRef } from 'vue'
import type { SlaCountdown } from '@/domain/sla/status'
import { countdownAt, rowsAt, sameRowsOr, type BoardRow, type BoardStatus, type DatedReview } from '@/stores/reviewHelpers'

/** A row on screen: its countdown as the board words it. */
interface ShownRow extends BoardRow {
  countdown: string
}

/**
 * The board's rows from the shared clock's `now` (read every second). Per tick: statusAt for every row
 * (cheap), countdownAt and its words only for the rows on screen. Both lists keep their previous array while
 * nothing they show changes (sameRowsOr), so the board renders when a status or a countdown's text changes
 * (a minute at most, or the instant a status turns) rather than on every tick.
 */
export function useBoardRows(opts: {
  sorted: () => readonly DatedReview[]
  now: () => number
  filter: () => ReadonlySet<BoardStatus>
  limit: () => number
  countdownText: (c: SlaCountdown) => string
}): { rows: ComputedRef<BoardRow[]>; shown: ComputedRef<ShownRow[]> } {
  const rows = computed<BoardRow[]>((prev) => sameRowsOr(prev, rowsAt(opts.sorted(), opts.now(), opts.filter())))
  const shown = computed<ShownRow[]>((prev) => {
    const now = opts.now()
    const next = rows.value.slice(0, opts.limit()).map((r) => ({ ...r, countdown: opts.countdownText(countdownAt(r.dates, now)) }))
    return sameRowsOr(prev, next)
  })
  return { rows, shown }
}
