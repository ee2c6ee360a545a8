/**
 * The hand-over of a chat to the next chat-intake box that opens: the desktop shortcut (or its in-app
 * twin) found no case for what the agent copied and opens New case with it. Held in memory only, taken once.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'

export const useIntakeStore = defineStore('intake', () => {
  /** A chat handed to the next chat-intake box; null once taken. */
  const handedOver = ref<string | null>(null)

  function handOver(text: string): void {
    handedOver.value = text
  }

  /** The chat handed over, if any (and forgets it). */
  function takeHandedOver(): string | null {
    const text = handedOver.value
    handedOver.value = null
    return text
  }

  return { handOver, takeHandedOver }
})
