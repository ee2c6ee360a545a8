import { useI18n } from 'vue-i18n'
import type { SlaCountdown } from '@/domain/sla/status'
import { shortLocalDate, zonedDateTime } from '@/stores/reviewHelpers'

/** Words for SLA countdowns and dates in the UI language (dates in the calendar's zone, never the machine's). */
export function useSlaText() {
  const { t, locale } = useI18n()
  const businessDays = (n: number): string => t('reviews.countdown.businessDays', { n }, n)

  function countdown(c: SlaCountdown): string {
    if (c.kind === 'closed') return t('reviews.status.closed')
    if (c.kind === 'overdue') {
      return t('reviews.countdown.overdue', { days: businessDays(c.businessDays), hours: c.days * 24 + c.hours })
    }
    const text =
      c.msToday > 0
        ? t('reviews.countdown.remainingToday', { days: businessDays(c.businessDays), hours: c.hours, minutes: c.minutes })
        : t('reviews.countdown.remaining', { days: businessDays(c.businessDays) })
    return c.paused ? t('reviews.countdown.pausedAt', { text }) : text
  }

  return {
    countdown,
    businessDays,
    date: (d: string): string => shortLocalDate(d, locale.value),
    dateTime: (ms: number, timeZone: string): string => zonedDateTime(ms, timeZone, locale.value),
  }
}
