export default {
  label: 'Find case',
  placeholder: 'UID, phone, last 4 digits, email or case number',
  shortcutHint: 'Press this anywhere to jump to the search box',
  results: 'Matching cases',
  count: 'No matching cases | 1 matching case | {n} matching cases',
  none: 'No case matches “{query}”.',
  logNew: 'Log a new case with this',
  kind: {
    uid: 'UID',
    uidPrefix: 'UID starts with',
    phone: 'Phone',
    phoneSuffix: 'Last digits',
    email: 'Email',
    caseNumber: 'Case number',
  },
}
