/** Playbook UI strings (namespace `playbook`): next-step reasons, statuses, escalation criteria, errors. */
export default {
  reason: {
    next: {
      'sms-blocking': {
        'android-builtin': 'SMS codes do not arrive on an Android phone with the built-in Phone Manager: check its blocked records first.',
        'android-360': 'SMS codes do not arrive on an Android phone with 360 Security: check its blocked SMS first.',
        'android-tencent': 'SMS codes do not arrive on an Android phone with Tencent Mobile Manager: check its blocked SMS first.',
        'android-generic': 'SMS codes do not arrive on an Android phone: check the blocked messages folder first.',
        iphone: 'SMS codes do not arrive on an iPhone: check "Filter Unknown Senders" first.',
        generic: 'SMS codes do not arrive: check the phone\'s SMS blocking first (ask which phone it is).',
      },
      'carrier-sms': {
        'china-mobile': 'The carrier may block international SMS: the user calls China Mobile on {hotline} to enable it.',
        'china-unicom': 'The carrier may block international SMS: the user calls China Unicom on {hotline} to enable it.',
        'china-telecom': 'The carrier may block international SMS: the user calls China Telecom on {hotline} to enable it.',
        other: 'The carrier may block international SMS: the user calls the carrier\'s hotline to enable it.',
      },
      'email-code': {
        switch: 'A working email is bound: switch to email codes.',
        troubleshoot: 'Email codes do not arrive: check spam, search for the sender, whitelist it.',
        'troubleshoot-slow': 'Email codes do not arrive and QQ/163 Mail can delay them: troubleshoot, then suggest Gmail or Outlook.',
      },
      'rebind-phone': {
        default: 'The number may never receive our SMS, and the user can log in another way: bind a new number.',
        'lost-number': 'The old number is unusable, but the user can log in another way: bind a new number.',
      },
      authenticator: {
        bind: 'SMS keeps failing and the user can log in another way: bind an authenticator for good.',
        'use-bound': 'An authenticator is already bound and working: verify with it instead of SMS.',
      },
      'network-time': {
        default: 'Check the network and the phone\'s time settings.',
        rejected: 'The code arrives but is rejected: check the phone\'s automatic time and time zone first.',
        authenticator: 'Authenticator codes fail: the phone\'s clock is the usual cause, check time settings first.',
      },
      escalate: {
        restricted: 'The account is restricted from sending codes: escalate to support straight away.',
        'codes-rejected': 'Codes are always rejected even with correct time: escalate for a security reset.',
        'old-number-unusable': 'The old number is unusable and no other method is available: escalate for a security reset.',
        'all-tried': 'Methods 1-6 were tried without success or do not fit: escalate for a security reset.',
      },
    },
    skip: {
      failed: 'Already tried without success.',
      resolved: 'This method solved the problem.',
      'not-applicable': 'Marked as not applicable.',
      declined: 'The user declined it.',
      'case-resolved': 'Not needed: method {method} solved the problem.',
      restricted: 'The account is restricted from sending codes: only support can help.',
      'not-sms': 'Only for SMS problems.',
      'sms-unavailable': 'The phone number can no longer receive SMS.',
      'code-arrives': 'The code arrives, so delivery is not the problem.',
      'email-not-bound': 'No email is bound to the account.',
      'email-unavailable': 'The user cannot use the bound email.',
      'no-other-login': 'The user cannot log in with another bound method.',
      'authenticator-failing': 'The failing code already comes from the authenticator.',
      'authenticator-lost': 'The bound authenticator is lost: only a security reset can replace it.',
      'channels-unavailable': 'The failing channel cannot be used at all: network and time will not help.',
      'criteria-not-met': 'Not yet: no escalation criterion holds.',
    },
    later: 'After method {method}, if that does not work.',
    close: {
      resolved: 'Method {method} solved it: close the case and share the prevention tips.',
    },
    none: {
      'nothing-left': 'No method left to suggest: review the case facts or the escalation.',
    },
  },
  escalation: {
    restricted: 'The account is restricted from sending codes.',
    'codes-rejected': 'Codes arrive but are always rejected (time settings checked).',
    'old-number-unusable': 'The old number cannot receive SMS and no other method is available.',
    'all-tried': 'Methods 1-6 were tried without success or do not fit.',
  },
  status: {
    'not-tried': 'Not tried',
    suggested: 'Suggested',
    failed: 'Did not work',
    resolved: 'Solved it',
    'not-applicable': 'Not applicable',
    declined: 'Declined',
  },
  verdict: {
    next: 'Next',
    later: 'Later',
    skipped: 'Skipped',
  },
  ui: {
    method: 'Method {method}',
    steps: '{done} of {total} steps',
    inProgress: 'In progress',
    whenItApplies: 'When it applies',
    escalationOffered: 'Escalation available',
    escalationCriteria: 'Escalation criteria met',
    declinedBeforeEscalation: 'The user declined: {methods}',
    prevention: 'Prevention tips',
    history: 'History',
    variant: 'Variant',
  },
  error: {
    'unknown-step': 'Step "{step}" is not in this checklist.',
    'note-too-long': 'The note is too long (at most {max} characters).',
  },
  load: {
    title: 'The playbook files are broken',
    issue: '{file}: {field}: {message}',
  },
}
