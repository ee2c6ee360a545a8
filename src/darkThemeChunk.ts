// imported only by darkTheme.ts with import(): Naive UI's dark theme in a chunk of its own
export { darkTheme } from 'naive-ui'
