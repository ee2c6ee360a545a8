import exportMessages from './export'
import guardMessages from './guard'

export default {
  uid: {
    empty: 'Enter the UID.',
    notDigits: 'A UID has digits only; “{char}” is not allowed.',
    tooShort: 'A UID has at least {min} digits.',
    tooLong: 'A UID has at most {max} digits.',
  },
  phone: {
    empty: 'Enter the phone number.',
    notANumber: 'This is not a phone number.',
    tooShort: 'This phone number is too short.',
    tooLong: 'This phone number is too long.',
    invalidCountry: 'Unknown country code. Start with + and the country code, for example +852 for Hong Kong.',
    invalidLength: 'This number has the wrong length for its country.',
    invalid: 'This is not a valid phone number. Check the digits, and add the country code (+…) for numbers outside mainland China.',
  },
  email: {
    empty: 'Enter the email address.',
    spaces: 'An email address has no spaces.',
    noAt: "An email address needs an {'@'}.",
    invalid: 'This is not a valid email address.',
  },
  case: {
    identityRequired: 'Enter at least one of UID, phone or email, so the case can be found later.',
    channelRequired: 'Tick at least one affected channel.',
    symptomRequired: 'Choose the symptom.',
    invalidChoice: 'Choose one of the listed options.',
    notesTooLong: 'Notes are limited to {max} characters.',
  },
  contradiction: {
    unavailableNotBound: '“{method}” is marked unusable but is not bound to the account.',
    authenticatorNotBound: 'Authenticator codes are affected, but no authenticator is bound to the account.',
    iphoneWithAndroidApp: 'The device is an iPhone, but an Android blocking app is selected.',
  },
  storage: {
    quota: "The console's storage is full, so nothing was saved. What you typed is kept. Export and purge old cases, then try again.",
    constraint: 'This conflicts with a record that already exists. Nothing was saved.',
    version: 'A newer version of the console changed the database. Close other console windows and reload.',
    unavailable: 'The case database could not be opened. Close other console windows and reload. Nothing was saved.',
    generic: 'Saving failed ({detail}). Nothing was saved; what you typed is kept.',
  },
  range: { startAfterEnd: 'The start date is after the end date.' },
  export: exportMessages.problems,
  guard: guardMessages.problems,
  fixBeforeSaving: 'Fix the highlighted fields before saving.',
}
