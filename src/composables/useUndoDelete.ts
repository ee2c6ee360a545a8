import { NButton, useMessage, useNotification } from 'naive-ui'
import { h } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { toStorageProblem } from '@/domain/storageError'
import { useProblemText } from '@/composables/useProblem'
import { useTrashStore } from '@/stores/trash'

export const UNDO_MS = 10_000

/**
 * After a case goes to the trash: a notification offering Undo for ten seconds (also Ctrl/Cmd+Z while it
 * shows). Undo restores the case and, if the agent is still on the page they were sent to, reopens it.
 */
export function useUndoDelete(): (c: { id: number; caseNumber: string }, returnTo: string) => void {
  const { t } = useI18n()
  const notification = useNotification()
  const message = useMessage()
  const router = useRouter()
  const trash = useTrashStore()
  const problemText = useProblemText()

  return (c, returnTo) => {
    let done = false
    const undo = async (): Promise<void> => {
      if (done) return
      done = true
      cleanup()
      try {
        await trash.restore(c.id)
        message.success(t('trash.restored', { number: c.caseNumber }))
        if (router.currentRoute.value.fullPath === returnTo) await router.push({ name: 'case', params: { id: String(c.id) } })
      } catch (err) {
        message.error(problemText(toStorageProblem(err)) ?? '')
      }
    }
    const onKey = (e: KeyboardEvent): void => {
      const typing = e.target instanceof HTMLElement && (e.target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName))
      if (!typing && e.key.toLowerCase() === 'z' && (e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey) {
        e.preventDefault()
        void undo()
      }
    }
    const cleanup = (): void => {
      window.removeEventListener('keydown', onKey)
      n.destroy()
    }
    window.addEventListener('keydown', onKey)
    const n = notification.create({
      type: 'success',
      title: t('trash.deleted', { number: c.caseNumber }),
      duration: UNDO_MS,
      keepAliveOnHover: true,
      onAfterLeave: () => window.removeEventListener('keydown', onKey),
      action: () =>
        h(
          NButton,
          { size: 'small', type: 'primary', title: t('trash.undoHint'), onClick: () => void undo() },
          { default: () => t('trash.undo') },
        ),
    })
  }
}
