/** Reads one .ics file off the page's thread (see ./ics.ts). */
import { parseIcs } from '@/domain/calendar/ics'
import { ICS_MAX_BYTES } from '@/domain/calendar/icsLimits'
import { serveOneJob } from './job'
import type { IcsJobProgress, IcsJobRequest, IcsJobResult } from './ics'

serveOneJob<IcsJobRequest, IcsJobProgress, IcsJobResult>(async ({ file, options, timeLimitMs }, progress) => {
  if (file.size > ICS_MAX_BYTES)
    return { ok: false, error: { key: 'errors.calendar.ics.tooLarge', params: { mb: ICS_MAX_BYTES / 1_000_000 } } }
  const text = await file.text()
  const deadline = performance.now() + timeLimitMs
  let last = 0
  const r = parseIcs(text, {
    ...options,
    budget: {
      shouldStop: () => performance.now() > deadline,
      onProgress: (done, total) => {
        // a message per 100 events at most, and fewer when they come fast
        const now = performance.now()
        if (now - last < 50 && done < total) return
        last = now
        progress({ done, total })
      },
    },
  })
  return r.ok || r.error.key !== 'errors.calendar.ics.tooSlow'
    ? r
    : { ok: false, error: { key: 'errors.calendar.ics.tooSlow', params: { seconds: timeLimitMs / 1000 } } }
})
