import { z } from 'zod'
import type { IpcChannel } from '../../shared/contract'

/** A bare file name: no folders, no control characters, not empty, sane length. */
const fileName = z
  .string()
  .min(1)
  .max(200)
  .refine(
    (s) => !/[\\/:*?"<>|]/.test(s) && ![...s].some((c) => c.charCodeAt(0) < 32) && s !== '.' && s !== '..',
    'must be a plain file name',
  )

const filters = z
  .array(
    z.object({
      name: z.string().min(1).max(100),
      extensions: z.array(z.string().regex(/^[a-z0-9]{1,10}$/i)).min(1).max(10),
    }),
  )
  .max(10)

const MAX_FILE_BYTES = 1024 * 1024 * 1024 // 1 GiB

const payload = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string().max(MAX_FILE_BYTES) }),
  z.object({
    kind: z.literal('bytes'),
    bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_FILE_BYTES, 'file too large'),
  }),
])

/** Argument tuple schema per channel: the handler only ever sees parsed values. */
export const argSchemas = {
  'app:info': z.tuple([]),
  'file:save': z.tuple([z.object({ defaultName: fileName, filters, payload })]),
  'pdf:save': z.tuple([z.object({ defaultName: fileName })]),
  'backup:auto': z.tuple([
    z.object({
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      json: z.string().min(2).max(MAX_FILE_BYTES),
    }),
  ]),
  'notify:show': z.tuple([z.object({ title: z.string().min(1).max(200), body: z.string().max(1000) })]),
  'app:badge': z.tuple([z.number().int().min(0).max(99999)]),
  'shell:open-external': z.tuple([z.object({ url: z.string().max(2048) })]),
} satisfies Record<IpcChannel, z.ZodType>
