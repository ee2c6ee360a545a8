/// <reference types="vite/client" />
import type { DesktopApi } from '@shared/contract'

declare global {
  interface Window {
    /** Present only in the Electron app (the preload bridge). Use src/platform/, never this directly. */
    api?: DesktopApi
  }
}

export {}
