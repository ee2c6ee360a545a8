import { useI18n } from 'vue-i18n'
import type { Display } from '@/domain/audit/describe'
import { variantLabelOf } from '@/domain/export/labels'
import type { Language } from '@/domain/model'
import { useCalendarStore } from '@/stores/calendar'
import { useRepliesStore } from '@/stores/replies'
import { zonedDateTime } from '@/stores/reviewHelpers'
import { formatDateTime, formatPhone, joinList } from './useFormat'

export interface DisplayWords {
  t: (key: string, params?: Record<string, unknown>) => string
  te: (key: string, locale?: string) => boolean
  locale: string
  /** A template's title in the UI language, or null (deleted, or not loaded). */
  templateTitle: (id: string) => string | null
  /** The business calendar's time zone: a review's times are read there, as the review panel shows them. */
  calendarZone?: string
}

/** A time, in the calendar's zone when it is a review's (with the zone named when it is not the machine's). */
function timeText(ms: number, calendar: boolean | undefined, w: DisplayWords): string {
  const zone = calendar ? w.calendarZone : undefined
  if (!zone) return formatDateTime(ms, w.locale)
  const text = zonedDateTime(ms, zone, w.locale)
  return zone === Intl.DateTimeFormat().resolvedOptions().timeZone ? text : `${text} (${zone})`
}

/**
 * A described value (domain/audit/describe.ts) in the agent's words: terms and variants translated (never
 * their ids), lists joined the locale's way ("短信、邮箱"), times and phones formatted.
 */
export function displayText(d: Display, w: DisplayWords): string {
  const { t, te, locale } = w
  const ui: Language = locale === 'zh-CN' ? 'zh-CN' : 'en'
  switch (d.kind) {
    case 'empty':
      return t('audit.value.empty')
    case 'text':
      return d.text
    case 'phone':
      return formatPhone(d.e164)
    case 'term':
      return te(d.key) || te(d.key, 'en') ? t(d.key) : d.raw
    case 'variant':
      return variantLabelOf(d.methodId, d.id, ui)
    case 'reply': {
      const language = t(`case.language.${d.language}`)
      if (d.templateId === null) return t('audit.value.replyFreeText', { language })
      // by its title (a deleted template keeps its id: there is no other name left for it)
      const title = w.templateTitle(d.templateId) ?? d.templateId
      return d.version === null
        ? t('audit.value.replyTemplateNoVersion', { title, language })
        : t('audit.value.replyTemplate', { title, version: d.version, language })
    }
    case 'time':
      return timeText(d.ms, d.calendar, w)
    case 'date':
      return d.iso
    case 'bool':
      return d.value ? t('audit.value.yes') : t('audit.value.no')
    case 'number':
      return new Intl.NumberFormat(locale).format(d.value)
    case 'list':
      return joinList(
        d.items.map((x) => displayText(x, w)),
        locale,
      )
    case 'pause':
      return d.end === null || d.start === null
        ? t('audit.value.pauseOpen', { start: d.start === null ? '?' : timeText(d.start, d.calendar, w) })
        : t('audit.value.pause', { start: timeText(d.start, d.calendar, w), end: timeText(d.end, d.calendar, w) })
    case 'promised':
      return t('audit.value.promised', { from: d.expectedFrom, due: d.dueBy })
  }
}

/** `displayText` with this component's i18n and the template library. */
export function useDisplayText(): (d: Display) => string {
  const { t, te, locale } = useI18n()
  const replies = useRepliesStore()
  const calendar = useCalendarStore()
  return (d) =>
    displayText(d, {
      t: (key, params) => (params ? t(key, params) : t(key)),
      te: (key, l) => (l === undefined ? te(key) : te(key, l)),
      locale: locale.value,
      templateTitle: (id) => replies.byId.get(id)?.title[locale.value === 'zh-CN' ? 'zh-CN' : 'en'] ?? null,
      ...(calendar.calendar ? { calendarZone: calendar.calendar.timeZone } : {}),
    })
}
