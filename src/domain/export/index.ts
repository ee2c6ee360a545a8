/**
 * Exports and reports (pure). The XLSX writer is not re-exported here: import it lazily from
 * `@/domain/export/xlsx` inside the export worker, so exceljs stays out of the main bundle.
 */
export * from './cell'
export * from './columns'
export * from './csv'
export * from './fileName'
export * from './filter'
export * from './labels'
export * from './markdown'
export * from './mask'
export * from './report'
export * from './rows'
export * from './time'
