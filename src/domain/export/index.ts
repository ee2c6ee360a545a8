/**
 * Exports and reports (pure). The XLSX writer is not re-exported here: import it lazily from
 * `@/domain/export/xlsx` inside the export worker, so it and its zip stream (fflate) stay out of the
 * main bundle.
 *
 * Worker sketch (the data layer loads `CaseExportInput` chunks: cases plus their attempts and reviews,
 * with the SLA fields computed by the SLA code):
 *
 *   const f = compileExportFilter(filter, timeZone)            // refuse with f.errors (Problems) if !f.ok
 *   const xlsx = new XlsxWriter({ language, timeZone, fullDetails, tables, attempts }, (bytes) => post(bytes))
 *   // or, per table: const csv = new CsvTableWriter('cases', options); post(encode(csv.chunk(chunk)))
 *   for each chunk of ~2,000 cases (range query on f.value.rangeStart/rangeEnd, then f.value.matches):
 *     if (cancelled) return                                      // drop the writer; nothing to clean up
 *     xlsx.add(chunk.filter(f.value.matches)); postMessage({ done, total })
 *   xlsx.finish()                                                // the last bytes reach the sink
 *   name = exportFileName({ extension: 'xlsx', from, to, today })
 */
export * from './cell'
export * from './columns'
export * from './csv'
export * from './fileName'
export * from './filter'
export * from './labels'
export * from './markdown'
export * from '../privacy/mask'
export * from './report'
export * from './rows'
export * from './time'
