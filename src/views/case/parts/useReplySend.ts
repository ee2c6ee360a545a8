import { useMessage } from 'naive-ui'
import { computed, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { canSend, type PreSendProblem } from '@/domain/replies'
import type { CaseRecord, CaseStatus, Language, PromisedDates, TemplateRecord } from '@/domain/model'
import { log } from '@/platform'
import { useProblemText } from '@/composables/useProblem'
import { useCasesStore } from '@/stores/cases'
import { useRepliesStore, type ReviewPromise } from '@/stores/replies'
import { statusAfterSend, type ComposeTarget, type Composition } from '@/stores/replyHelpers'

export interface ReplySendOptions {
  record: () => CaseRecord
  caseId: () => number
  text: Ref<string>
  language: () => Language
  target: () => ComposeTarget
  composition: () => Composition | null
  template: () => TemplateRecord | null
  problems: () => readonly PreSendProblem[]
  /** The open review's dates for this reply (a reply stating them is the promise the review checks). */
  promise: () => ReviewPromise | null
  /** Set once a send was tried: the "empty reply" error shows from then on. */
  attempted: Ref<boolean>
  focusBox: () => void
}

const REVIEW_PLACEHOLDERS = ['review_submitted_date', 'review_expected_date', 'review_due_date']

/**
 * Copy and log: the pre-send check, the clipboard, the reply log (with the promised dates when the
 * template states the review's dates), then "Waiting on user" when the reply asks the user to do
 * something (ticked by default), with Undo until the next send.
 */
export function useReplySend(o: ReplySendOptions) {
  const { t } = useI18n()
  const message = useMessage()
  const problemText = useProblemText()
  const replies = useRepliesStore()
  const cases = useCasesStore()

  const busy = ref(false)
  const proposedStatus = computed<CaseStatus | null>(() => {
    const c = o.composition()
    return c ? statusAfterSend(o.record().status, c, o.target()) : null
  })
  const setWaiting = ref(true)
  /** The status before this panel set "waiting"; shown with Undo until the next send or undo. */
  const statusUndo = ref<CaseStatus | null>(null)
  const statusNote = ref('')

  /** The promised dates and review id when the template states the open review's dates. */
  function promiseOf(tpl: TemplateRecord | null): { promised: PromisedDates | null; reviewId: number | null } {
    const promise = o.promise()
    const statesDates = tpl !== null && REVIEW_PLACEHOLDERS.some((p) => tpl.body[o.language()].includes(p))
    return promise && statesDates ? { promised: promise.promised, reviewId: promise.reviewId } : { promised: null, reviewId: null }
  }

  async function applyStatusAfterSend(proposed: CaseStatus | null): Promise<void> {
    if (!proposed || !setWaiting.value) return
    const before = o.record().status
    const r = await cases.setStatus(o.record(), proposed)
    if (!r.ok) {
      message.error(problemText(r.error))
      return
    }
    statusUndo.value = before
    statusNote.value = t('reply.waitingSet')
  }

  async function undoStatus(): Promise<void> {
    const before = statusUndo.value
    if (!before) return
    const r = await cases.setStatus(o.record(), before)
    if (!r.ok) {
      message.error(problemText(r.error))
      return
    }
    statusUndo.value = null
    statusNote.value = t('reply.waitingUndone', { status: t(`case.status.${before}`) })
    o.focusBox()
  }

  async function copyAndLog(): Promise<void> {
    if (busy.value || !o.composition()) return
    o.attempted.value = true
    if (!canSend(o.problems())) {
      message.error(t('reply.blocked'))
      o.focusBox()
      return
    }
    busy.value = true
    const body = o.text.value.trim()
    const proposed = proposedStatus.value
    const tpl = o.template()
    statusUndo.value = null
    statusNote.value = ''
    try {
      try {
        await navigator.clipboard.writeText(body)
      } catch (err) {
        log.warn('reply.copy', err) // the browser refused the clipboard: nothing is logged as sent
        message.error(t('reply.copyFailed'))
        return
      }
      const sentOk = await replies.send({
        caseId: o.caseId(),
        templateId: tpl?.id ?? null,
        templateVersion: tpl?.version ?? null,
        language: o.language(),
        text: body,
        // a reply stating the review's dates is the promise the review later checks against
        ...promiseOf(tpl),
      })
      if (!sentOk.ok) {
        message.error(t('reply.logFailed', { detail: problemText(sentOk.error) }))
        return
      }
      o.attempted.value = false
      message.success(t('reply.copied'))
      await applyStatusAfterSend(proposed)
    } finally {
      busy.value = false
    }
  }

  return { busy, proposedStatus, setWaiting, statusUndo, statusNote, copyAndLog, undoStatus }
}
