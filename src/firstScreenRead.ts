/**
 * Imported first by main.ts, for its side effect: when the console opens on the case list, the database opens
 * and the list's first rows are read (data/caseList's `readFirstCasesPageEarly`) while the rest of the app's
 * code still evaluates. Start-up waits for that read (as it waits for the settings) before mounting, so the
 * list renders its rows with the shell and the first frame shows them: the read's cursor would otherwise
 * wait for the mount to finish, then render and lay out the page a second time. The list takes the read for
 * its opening sort (rowCache's OPENING_SORT) and its first block; any other start reads anew. Opening on any
 * other page opens the database early, and waits for nothing.
 */
import { readFirstCasesPageEarly } from './data/caseList'
import { getDb } from './data/db'
import { OPENING_SORT, ROW_BLOCK } from './views/cases/rowCache'

/** The case list's hash routes (`#/cases`, and `#/` or none, which redirect to it). */
export const opensOnCaseList = (hash: string): boolean => /^(#\/?(cases\/?)?)?$/.test(hash)

/** Settles once the first screen's early read is done (at once when there is none); never rejects. */
export const firstRowsRead: Promise<void> = opensOnCaseList(location.hash)
  ? readFirstCasesPageEarly(getDb(), OPENING_SORT, ROW_BLOCK)
  : // a failed open is reported by the first read that needs the database
    getDb()
      .open()
      .then(
        () => undefined,
        () => undefined,
      )
