/** Secret guard (src/domain/guard): the dialog shown when a note, review field or reply holds a secret. */
export default {
  title: 'This text contains data the console must not store',
  intro: 'Verification codes, authenticator keys and ID numbers are never saved. Remove them to save the text.',
  found: 'Found: {kind} {preview}',
  kinds: {
    verificationCode: 'verification code',
    authenticatorKey: 'authenticator secret key',
    idNumber: 'identity document number',
  },
  documents: {
    cnResidentId: 'mainland China resident ID',
    cnResidentId15: 'mainland China resident ID (15 digits)',
    hkId: 'Hong Kong identity card',
    passport: 'passport or travel permit',
  },
  remove: 'Remove it from the text',
  redactAndSave: 'Remove and save',
  editText: 'Edit the text',
  preview: 'Text after removal',
  problems: {
    verificationCode: 'Remove the verification code before saving (found: {count}).',
    authenticatorKey: 'Remove the authenticator key before saving (found: {count}).',
    idNumber: 'Remove the ID number before saving (found: {count}).',
  },
}
