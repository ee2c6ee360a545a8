/** The desktop app beside the chat tool: global shortcut, tray, clipboard look-up (namespace `desktop`). */
export default {
  title: 'Desktop app',
  intro:
    'Copy a UID, phone number, email or the user’s chat messages in your chat tool, then press the shortcut: the console comes to the front and opens the case, or starts a new one from what you copied.',
  browserTitle: 'Not available in browser mode',
  browserMode: 'The global shortcut and the tray icon need the desktop app (the Electron build of the console).',
  shortcut: {
    label: 'Global shortcut',
    hint: 'Select the box and press the keys, for example {example}. Tab leaves the box, Backspace turns the shortcut off.',
    recording: 'Press the keys…',
    off: 'Off',
    useDefault: 'Use {keys}',
    turnOff: 'Turn off',
    lookUpClipboard: 'Look up what you copied (from any app in the desktop app)',
    needsModifier: 'Add Ctrl, Alt or ⌘, or use a function key (F1–F24): a global shortcut must not take a plain key from every other app.',
    unsupported: 'That key cannot be part of a shortcut. Use a letter, a digit or a function key.',
    status: {
      pending: 'Checking the shortcut…',
      registered: 'Works from any app: copy, then press {keys}.',
      off: 'Off. Inside the console, {keys} still looks up what you copied.',
      taken: 'Another app already uses {keys}, or the system refused it. Choose other keys.',
      invalid: '{keys} cannot be a global shortcut. Use Ctrl, Alt or ⌘ with a letter, a digit or a function key.',
      unavailable: 'Needs the desktop app. Inside this page, {keys} still works.',
      failed: 'The desktop app did not answer. Restart the console and try again.',
    },
  },
  tray: {
    label: 'Keep running in the tray when the window is closed',
    hint: 'Review alerts keep coming while the window is closed. To quit, choose Quit in the tray menu or press Ctrl+Q.',
    hintMac: 'Review alerts keep coming while the window is closed. To quit, choose Quit in the menu-bar icon’s menu or press ⌘Q.',
    noTray: 'This desktop shows no tray icon, so closing the window quits the console.',
    unavailable: 'Needs the desktop app.',
  },
  clipboard: {
    empty: 'Nothing to look up: the clipboard holds no text. Copy a UID, phone, email or chat messages first.',
    truncated: 'The copied text was very long: only its first 20,000 characters were taken.',
    unreadable: 'The console could not read the clipboard. Allow clipboard access, or paste into the search box (Ctrl+K).',
    lookupFailed: 'The look-up failed. Try again, or paste into the search box.',
  },
}
