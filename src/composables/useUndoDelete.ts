import { NButton, useMessage, useNotification } from 'naive-ui'
import { h } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { toStorageProblem } from '@/domain/storageError'
import { useProblemText } from '@/composables/useProblem'
import { useTrashStore } from '@/stores/trash'

export const UNDO_MS = 10_000

/**
 * Restores a case from the trash and says so in a toast (or says in plain words why it could not).
 * Resolves true when the case is back.
 */
export function useRestoreCase(): (c: { id: number; caseNumber: string }) => Promise<boolean> {
  const { t } = useI18n()
  const message = useMessage()
  const trash = useTrashStore()
  const problemText = useProblemText()
  return async (c) => {
    try {
      await trash.restore(c.id)
      message.success(t('trash.restored', { number: c.caseNumber }))
      return true
    } catch (err) {
      message.error(problemText(toStorageProblem(err)) ?? '')
      return false
    }
  }
}

/**
 * After a case goes to the trash: a notification offering Undo for ten seconds (also Ctrl/Cmd+Z while it
 * shows). Undo restores the case and, if the agent is still on the page they were sent to, reopens it.
 */
export function useUndoDelete(): (c: { id: number; caseNumber: string }, returnTo: string) => void {
  const { t } = useI18n()
  const notification = useNotification()
  const router = useRouter()
  const restore = useRestoreCase()

  return (c, returnTo) => {
    let done = false
    const undo = async (): Promise<void> => {
      if (done) return
      done = true
      cleanup()
      if ((await restore(c)) && router.currentRoute.value.fullPath === returnTo)
        await router.push({ name: 'case', params: { id: String(c.id) } })
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
