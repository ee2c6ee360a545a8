import { computed, nextTick, ref, type Ref } from 'vue'
import { PREVIEW_RENDER_BUDGET_MS, renderTemplate, searchTemplates, type QuickIndex } from '@/domain/replies'
import type { Language, TemplateRecord } from '@/domain/model'
import type { Problem } from '@/domain/result'
import { dropGreeting, insertSnippet, type Composition } from '@/stores/replyHelpers'
import { closedQuick, quickAtCaret, quickClosed, quickKey } from './quickInsert'

export interface QuickInsertOptions {
  text: Ref<string>
  box: Ref<HTMLTextAreaElement | null>
  composition: () => Composition | null
  language: () => Language
  index: () => QuickIndex
  /** A template that does not render for this case. */
  onError: (problem: Problem) => void
}

/**
 * The reply box's template inserts: "/" quick insert (the state machine in quickInsert.ts, the search, the
 * detail of the active option) and inserting a template rendered for the case at the caret. Inserted into
 * a reply that already has text, a template leaves out its greeting.
 */
export function useQuickInsert(o: QuickInsertOptions) {
  const state = ref(closedQuick())

  const results = computed(() => {
    const token = state.value.token
    const c = o.composition()
    return token && c
      ? searchTemplates(o.index(), token.query, {
          language: o.language(),
          context: c.context,
          limit: 8,
          previewChars: 120,
          renderBudget: { ms: PREVIEW_RENDER_BUDGET_MS, now: () => performance.now() },
        })
      : []
  })
  const open = computed(() => state.value.token !== null && o.composition() !== null)
  const query = computed(() => state.value.token?.query ?? '')
  const active = computed(() => state.value.active)
  const detail = computed(() => {
    const r = results.value[state.value.active]
    const c = o.composition()
    if (!r || !c) return ''
    const rendered = renderTemplate(r.template, c.context, o.language())
    return rendered.ok ? rendered.value.text.slice(0, 1500) : r.preview
  })

  /** After typing, a click or a caret move in the box. */
  function onCaret(): void {
    const el = o.box.value
    if (!el) return
    state.value = quickAtCaret(state.value, o.text.value, el.selectionStart, el.selectionStart === el.selectionEnd)
  }

  /** Inserts a template, rendered for this case, at the caret (or over `range`, e.g. the "/query"). */
  function insertTemplate(tpl: TemplateRecord, range?: { start: number; end: number }): void {
    const c = o.composition()
    const el = o.box.value
    if (!c || !el) return
    const rendered = renderTemplate(tpl, c.context, o.language())
    if (!rendered.ok) {
      o.onError(rendered.error)
      return
    }
    const { start, end } = range ?? { start: el.selectionStart, end: el.selectionEnd }
    const text = o.text.value
    const continuing = (text.slice(0, start) + text.slice(end)).trim() !== ''
    const result = insertSnippet(text, start, end, continuing ? dropGreeting(rendered.value.text) : rendered.value.text)
    o.text.value = result.text
    state.value = quickClosed(state.value)
    void nextTick(() => {
      el.focus()
      el.setSelectionRange(result.cursor, result.cursor)
    })
  }

  function pick(i: number): void {
    const r = results.value[i]
    const token = state.value.token
    if (r && token) insertTemplate(r.template, token)
  }

  /** Keys while the list is open; true when the key was used. */
  function onKeydown(e: KeyboardEvent): boolean {
    if (!open.value) return false
    const r = quickKey(state.value, e, results.value.length)
    state.value = r.state
    if (!r.handled) return false
    e.preventDefault()
    if (r.stop) e.stopPropagation()
    if (r.pick !== undefined) pick(r.pick)
    return true
  }

  /** Focus leaving the box and its list closes the list. */
  function onBlur(e: FocusEvent): void {
    const next = e.relatedTarget as Node | null
    if (next && (e.currentTarget as HTMLElement).parentElement?.contains(next)) return
    state.value = quickClosed(state.value)
  }

  function hover(i: number): void {
    state.value = { ...state.value, active: i }
  }

  return { results, open, query, active, detail, onCaret, onKeydown, onBlur, hover, pick, insertTemplate }
}
