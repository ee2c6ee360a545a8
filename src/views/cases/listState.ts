/**
 * The case list's filters and order for this run of the console: module state, so an agent who opens a
 * case and comes back finds the list as they left it, while a reload or a new start shows every case
 * again (a filter left on from yesterday would hide cases without anyone noticing).
 */
import { reactive } from 'vue'
import type { CaseListSortKey } from '@/domain/case/listOrder'
import type { CaseStatus, Channel, Symptom } from '@/domain/model'
import { OPENING_SORT } from './rowCache'

export const caseListState = reactive({
  filter: {
    statuses: [] as CaseStatus[],
    channels: [] as Channel[],
    symptoms: [] as Symptom[],
    from: '',
    to: '',
  },
  sort: `${OPENING_SORT.field}-${OPENING_SORT.dir}` as CaseListSortKey,
})
