import { computed, onMounted, shallowRef, watch, type ComputedRef, type Ref } from 'vue'
import { teamRows, type TeamCase, type TeamRow } from '@/domain/dashboard/team'
import { useCasesStore } from '@/stores/cases'
import { useReviewsStore } from '@/stores/reviews'
import { useSyncStore } from '@/stores/sync'
import { useProblemText } from './useProblem'

export interface TeamTable {
  /** Team mode only: solo shows no team table. */
  shown: ComputedRef<boolean>
  rows: ComputedRef<TeamRow[]>
  /** An agent's name from the team directory. */
  nameOf: (agent: string) => string
  error: Ref<string | null>
}

/**
 * The dashboard's "Team" table, from the local replica: the open cases (read again when cases change) and
 * the reviews store's open reviews with their SLA dates, counted per agent by `teamRows` at the shared clock.
 * Failures are logged by the stores (no personal data); the table shows them in words.
 */
export function useTeamTable(): TeamTable {
  const sync = useSyncStore()
  const cases = useCasesStore()
  const reviews = useReviewsStore()
  const problemText = useProblemText()
  const shown = computed(() => sync.joined)
  const openCases = shallowRef<readonly TeamCase[]>([])
  const error = shallowRef<string | null>(null)
  let seq = 0

  async function load(): Promise<void> {
    if (!shown.value) return
    const mine = ++seq
    const ids = await cases.listIds(
      { statuses: ['open', 'waiting', 'escalated'], channels: [], symptoms: [], from: null, to: null },
      { field: 'updatedAt', dir: 'desc' },
    )
    const records = ids.ok ? await cases.getMany(ids.value) : ids
    if (mine !== seq) return
    error.value = records.ok ? null : problemText(records.error)
    if (records.ok) openCases.value = records.value.flatMap((c) => (c ? [{ agent: c.agent, status: c.status }] : []))
  }

  onMounted(() => {
    watch(
      shown,
      (on) => {
        if (on) void reviews.start()
      },
      { immediate: true },
    )
    watch([shown, () => cases.revision], () => void load(), { immediate: true })
  })

  const rows = computed(() =>
    teamRows(
      openCases.value,
      reviews.open.map((i) => ({ agent: i.review.agent, owner: i.review.owner, dates: reviews.dates.get(i.review.id) })),
      reviews.now,
    ),
  )
  return { shown, rows, nameOf: (agent) => sync.displayName(agent), error }
}
