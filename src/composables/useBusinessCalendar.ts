import { computed, toRaw, type ComputedRef } from 'vue'
import type { BusinessCalendar } from '@/domain/calendar/calendar'
import { DEFAULT_TIME_ZONE } from '@/domain/calendar/timeZone'
import type { SlaSettings } from '@/domain/sla/settings'
import { useCalendarStore } from '@/stores/calendar'

/**
 * The business calendar the agent configured, for pages that compute dates outside the reviews board
 * (exports, dashboard, report): its time zone, and the calendar and SLA settings to hand to a worker.
 */
export function useBusinessCalendar(): {
  timeZone: ComputedRef<string>
  ready: () => Promise<void>
  forWorker: () => { calendar: BusinessCalendar | null; sla: SlaSettings | null }
} {
  const store = useCalendarStore()
  void store.load()
  return {
    timeZone: computed(() => store.calendar?.timeZone ?? DEFAULT_TIME_ZONE),
    ready: () => store.load(),
    // plain copies: they cross into a worker by structured clone
    forWorker: () => ({ calendar: store.calendar ? toRaw(store.calendar) : null, sla: toRaw(store.sla) }),
  }
}
