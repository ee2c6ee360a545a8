import { computed, shallowRef, watch, type Ref } from 'vue'
import type { ReviewRecord } from '@/domain/model'
import type { SlaDates } from '@/domain/sla/dates'
import { clockNow } from '@/clock'
import { useCalendarStore } from '@/stores/calendar'
import { useReviewsStore } from '@/stores/reviews'
import { computeDates } from '@/stores/reviewHelpers'

type Saved = ReviewRecord & { id: number }

/**
 * A case's review dates: the store's copy for the open review (kept current at midnight; refreshed here
 * when an open pause moves them at `now`), computed once for closed ones.
 */
export function useReviewDates(list: Ref<readonly Saved[]>, now: Ref<number>) {
  const reviews = useReviewsStore()
  const calendar = useCalendarStore()
  const openReview = computed(() => list.value.find((r) => r.state === 'open') ?? null)
  const closedReviews = computed(() => list.value.filter((r) => r.state === 'closed'))

  const closedDates = shallowRef<Map<number, SlaDates>>(new Map())
  watch(
    [list, () => calendar.index, () => calendar.sla],
    () => {
      const index = calendar.index
      const map = new Map<number, SlaDates>()
      if (index) for (const r of closedReviews.value) map.set(r.id, computeDates(r, index, calendar.sla, r.closedAt ?? clockNow()))
      closedDates.value = map
    },
    { immediate: true },
  )

  const openDates = shallowRef<SlaDates | null>(null)
  watch(
    [openReview, () => reviews.dates, () => calendar.index],
    () => {
      const r = openReview.value
      openDates.value = r ? reviews.datesFor(r, clockNow()) : null
    },
    { immediate: true },
  )
  // an open pause moves the dates at local midnight: the store refreshes its copy; refresh ours when needed
  watch(now, (t) => {
    const d = openDates.value
    if (d?.recomputeAt != null && t >= d.recomputeAt && openReview.value) openDates.value = reviews.datesFor(openReview.value, t)
  })

  return { openReview, closedReviews, openDates, closedDates }
}
