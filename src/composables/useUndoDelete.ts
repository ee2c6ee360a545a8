import { NButton, useNotification } from 'naive-ui'
import { h } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { useAction, type Action } from '@/composables/useAction'
import type { CaseRecord } from '@/domain/model'
import type { Problem } from '@/domain/result'
import { useTrashStore } from '@/stores/trash'

export const UNDO_MS = 10_000

/**
 * Restores a case from the trash and says so in a toast (or says in plain words why it could not):
 * `run(id)` answers the restored case, `busy` says a restore is under way.
 */
export function useRestoreCase(): Action<[id: number], CaseRecord, Problem> {
  const { t } = useI18n()
  const trash = useTrashStore()
  return useAction((id: number) => trash.restore(id), {
    concurrent: true,
    success: (c) => t('trash.restored', { number: c.caseNumber }),
  })
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
      const r = await restore.run(c.id)
      if (r.ok && router.currentRoute.value.fullPath === returnTo) await router.push({ name: 'case', params: { id: String(c.id) } })
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
