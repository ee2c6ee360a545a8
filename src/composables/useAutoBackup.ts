import { onMounted, watch } from 'vue'
import { platform } from '@/platform'
import { useCasesStore } from '@/stores/cases'

const AFTER_CHANGE_MS = 5000

/**
 * Desktop: writes the day's automatic backup once — at start-up, or after the first change of the day
 * when the console stayed open overnight. The store skips the work when today's backup exists. The backup
 * code loads only on the desktop, and only when it runs (it is not part of the start-up bundle).
 */
export function useAutoBackup(): void {
  if (platform().kind !== 'electron') return
  const cases = useCasesStore()
  let timer: ReturnType<typeof setTimeout> | null = null
  const run = async (): Promise<void> => {
    const { useBackupStore } = await import('@/stores/backup')
    await useBackupStore().autoBackupIfNeeded()
  }
  onMounted(() => void run())
  watch(
    () => cases.revision,
    () => {
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => void run(), AFTER_CHANGE_MS)
    },
  )
}
