import { useMessage } from 'naive-ui'
import { useI18n } from 'vue-i18n'
import type { BusinessCalendar } from '@/domain/calendar/calendar'
import type { Problem, Result } from '@/domain/result'
import { toStorageProblem } from '@/domain/storageError'
import { log } from '@/platform'
import { useProblemText } from './useProblem'
import { useCalendarStore } from '@/stores/calendar'

/**
 * Saves one edit of the business calendar (settings): a refused edit (the domain's Result) or a failed write
 * shows its reason where the agent acted (`onError`) or as a toast, and nothing changes; a stored edit says
 * so. Answers whether it was stored.
 */
export function useCalendarSave(): (
  next: Result<BusinessCalendar> | BusinessCalendar,
  note: string,
  onError?: (p: Problem) => void,
) => Promise<boolean> {
  const store = useCalendarStore()
  const message = useMessage()
  const { t } = useI18n()
  const problemText = useProblemText()
  const fail = (p: Problem, onError?: (p: Problem) => void): void => {
    if (onError) onError(p)
    else message.error(problemText(p))
  }
  return async (next, note, onError) => {
    const result = 'ok' in next ? next : { ok: true as const, value: next }
    if (!result.ok) {
      fail(result.error, onError)
      return false
    }
    try {
      await store.setCalendar(result.value, note)
      message.success(t('calendar.saved'))
      return true
    } catch (err) {
      log.error('calendar.save', err)
      fail(toStorageProblem(err), onError)
      return false
    }
  }
}
