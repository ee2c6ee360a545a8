/**
 * Chat intake in the console: the words (bundled, see resources/intake/) and the hand-over of a chat to
 * the New case page's chat box. To open New case with a chat in it (the desktop shortcut, when the
 * clipboard matches no case): `useIntakeStore().handOver(text)`, then go to the `new-case` route; a New
 * case page already open takes it at once. Proposals come from the pure domain (src/domain/intake);
 * nothing here is stored.
 */
import { defineStore } from 'pinia'
import { readonly, ref } from 'vue'
import { bundledIntakeWords, extractFromChat, type IntakeResult, type IntakeWords } from '@/domain/intake'
import { log } from '@/platform'

export const useIntakeStore = defineStore('intake', () => {
  /** Why the words could not be loaded (a broken words file in this build); null when all is well. */
  const problem = ref<string | null>(null)
  let words: IntakeWords | null = null
  /** A chat handed to the next chat-intake box; held in memory only, taken once. */
  const handedOver = ref<string | null>(null)

  function loadWords(): IntakeWords | null {
    if (words) return words
    try {
      words = bundledIntakeWords()
      problem.value = null
    } catch (err) {
      log.error('intake.words', err)
      problem.value = err instanceof Error ? err.message : String(err)
    }
    return words
  }

  /** The proposals for a pasted chat; null when the words could not be loaded (see `problem`). */
  function extract(text: string): IntakeResult | null {
    const w = loadWords()
    return w ? extractFromChat(text, w) : null
  }

  function handOver(text: string): void {
    handedOver.value = text
  }

  /** The chat handed over, if any (and forgets it). */
  function takeHandedOver(): string | null {
    const text = handedOver.value
    handedOver.value = null
    return text
  }

  return { problem, handedOver: readonly(handedOver), extract, handOver, takeHandedOver }
})
