import { computed, onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue'
import { initialSelection, previewSegments, toggleProposal, type IntakeResult, type PreviewSegment, type Proposal } from '@/domain/intake'
import { useIntakeStore } from '@/stores/intake'

/** How long typing must pause before the chat is read again (a paste is read at once). */
export const CHAT_INTAKE_DEBOUNCE_MS = 200

export interface ChatIntake {
  text: Ref<string>
  /** The last reading of the chat; null before any text, or when the words could not be loaded. */
  result: Ref<IntakeResult | null>
  proposals: Ref<Proposal[]>
  segments: Ref<PreviewSegment[]>
  /** Ids of the ticked proposals. */
  selected: Ref<string[]>
  isSelected(id: string): boolean
  toggle(id: string, on: boolean): void
  accepted(): Proposal[]
  /** Call on a paste event: the text it brings is read at once instead of after the pause. */
  pasted(): void
  clear(): void
}

/**
 * The state of one chat-intake box: the text (memory only: never stored), the proposals read from it
 * (again each time typing pauses, at once after a paste) and which are ticked. A proposal keeps its tick
 * while the agent edits the text; new ones start as the domain suggests (see initialSelection).
 */
export function useChatIntake(initialText = ''): ChatIntake {
  const store = useIntakeStore()
  const text = ref(initialText)
  const result = shallowRef<IntakeResult | null>(null)
  const selected = ref<string[]>([])
  let timer: ReturnType<typeof setTimeout> | null = null
  /** Set by a paste: the next change of the text is read at once. */
  let pasted = false

  function read(): void {
    if (timer !== null) clearTimeout(timer)
    timer = null
    const next = text.value.trim() === '' ? null : store.extract(text.value)
    const before = new Set(result.value?.proposals.map((p) => p.id) ?? [])
    const kept = selected.value.filter((id) => next?.proposals.some((p) => p.id === id))
    const fresh = next ? initialSelection(next.proposals.filter((p) => !before.has(p.id))) : []
    result.value = next
    selected.value = next ? fresh.reduce((sel, id) => toggleProposal(next.proposals, sel, id, true), kept) : []
  }

  watch(text, () => {
    if (timer !== null) clearTimeout(timer)
    if (pasted) {
      pasted = false
      read()
    } else timer = setTimeout(read, CHAT_INTAKE_DEBOUNCE_MS)
  })
  onScopeDispose(() => {
    if (timer !== null) clearTimeout(timer)
  })
  if (initialText) read()

  const proposals = computed(() => result.value?.proposals ?? [])
  const segments = computed(() => (result.value ? previewSegments(result.value.text, result.value.proposals, result.value.secrets) : []))

  return {
    text,
    result,
    proposals,
    segments,
    selected,
    isSelected: (id) => selected.value.includes(id),
    toggle(id, on) {
      selected.value = toggleProposal(proposals.value, selected.value, id, on)
    },
    accepted: () => proposals.value.filter((p) => selected.value.includes(p.id)),
    pasted: () => {
      pasted = true
    },
    clear() {
      text.value = ''
      read()
    },
  }
}
