/**
 * What agents paste around a UID, phone or email copied out of a chat or a back-office screen: a field label
 * ("UID 35001234", "手机号：138…", "Phone number: …", "邮箱：…", "E-mail: …"), a display name with the address
 * in angle brackets, quotes, and the sentence's closing punctuation. One reading for the intake form, the
 * facts editor and the look-up box, so what one accepts the other finds.
 */

const UID_LABELS = String.raw`uid|user\s*id|用户\s*id|用户\s*uid|用户编号|账号\s*id|账户\s*id`
const PHONE_LABELS = String.raw`(?:phone|mobile|cell|tel)(?:\s*(?:number|no\.?|#))?|telephone|手机尾号|尾号|手机号码|手机号|电话号码|联系电话|电话|手机`
const CASE_LABELS = String.raw`case(?:\s*(?:number|no\.?|#))?|工单编号|工单号|工单`
const EMAIL_LABELS = String.raw`e-?mail(?:\s*address)?|mail|邮箱地址|电子邮箱|电子邮件|邮箱|邮件`

/**
 * A label, then a separator or a space. A UID or phone label may take a dash ("UID-35001234"), and a UID or
 * Chinese phone label may run straight into the digits ("UID35001234", "手机13800138000"; not "phone2024",
 * the start of an address as typed into the look-up). An email label needs a colon-like separator or a
 * space, so "mail@x.com", "mail-box@x.com" and "email1@qq.com" keep their first letters.
 */
const labelled = (labels: string, digits: boolean, glued = ''): RegExp => {
  const sep = digits ? String.raw`[:：#=＝\-–—]` : '[:：#=＝]'
  const gluedOn = glued ? String.raw`|(?:${glued})(?=[\d+(])` : ''
  return new RegExp(String.raw`^\s*(?:(?:${labels})\s*${sep}\s*|(?:${labels})\s+${gluedOn})`, 'iu')
}

const UID_LABEL = labelled(UID_LABELS, true, UID_LABELS)
const PHONE_LABEL = labelled(PHONE_LABELS, true, '手机尾号|尾号|手机号码|手机号|电话号码|联系电话|电话|手机')
const EMAIL_LABEL = labelled(EMAIL_LABELS, false)
/** A case label runs into the number too: the case page's heading copied whole ("Case VC-…", "工单 VC-…"). */
const CASE_LABEL = new RegExp(String.raw`^\s*(?:${CASE_LABELS})\s*[:：#=＝]?\s*(?=vc)`, 'iu')
/** A Chinese label needs nothing after it: it cannot start an address. */
const CHINESE_EMAIL_LABEL = /^\s*(?:邮箱地址|电子邮箱|电子邮件|邮箱|邮件)\s*/u

/** Drops a leading "UID:" / "UID " / "用户ID：" label. */
export const stripUidLabel = (text: string): string => text.replace(UID_LABEL, '')

/** Drops a leading "Phone:" / "Phone number " / "手机号：" label. */
export const stripPhoneLabel = (text: string): string => text.replace(PHONE_LABEL, '')

/** Drops a leading "Case number:" / "Case " / "工单号：" label before a case number. */
export const stripCaseLabel = (text: string): string => text.replace(CASE_LABEL, '')

/** Drops a leading "Email:" / "邮箱：" label. */
export const stripEmailLabel = (text: string): string => text.replace(EMAIL_LABEL, '').replace(CHINESE_EMAIL_LABEL, '')

/** Closing punctuation of the sentence the value was copied from (Chinese or English). */
const TRAILING_PUNCTUATION = /[\s。．.,，、;；:：!！?？]+$/u

/** Drops the closing punctuation of the sentence a value was copied from ("35001234。", "…8000."). */
export const stripTrailingPunctuation = (text: string): string => text.replace(TRAILING_PUNCTUATION, '')
const QUOTES = /^["'“”‘’「」『』《》〈〉()（）[\]【】]+|["'“”‘’「」『』《》〈〉()（）[\]【】]+$/gu

/**
 * An email as pasted, reduced to the address: full-width characters to ASCII, zero-width characters out, a
 * label, `mailto:`, "Name <address>" and quotes or brackets around it, and the sentence's closing
 * punctuation dropped. What is left is for the validator to judge.
 */
export function cleanPastedEmail(input: string): string {
  let text = input
    .normalize('NFKC')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .trim()
  text = stripEmailLabel(text)
  text = text.replace(/^mailto:/i, '')
  const bracketed = /<([^<>\s]+@[^<>\s]+)>/.exec(text)
  if (bracketed?.[1]) text = bracketed[1]
  let before: string
  do {
    before = text
    text = stripTrailingPunctuation(text.trim()).replace(QUOTES, '')
  } while (text !== before)
  return text
}

/** A mainland mobile number, with or without its country code, as one group of digits. */
const MOBILE_GROUP = /^(?:\+?86|0086)?1[3-9]\d{9}$/
/** What separates the two values of a chat line such as "35001234 13800138000" or "35001234，13800138000". */
const VALUE_SEPARATORS = /[\s\u00a0\u3000,，、;；/|]+/u

/**
 * A UID and a mainland mobile number copied together in one go ("35001234 13800138000", either order):
 * exactly two groups of digits, one of them a whole mobile number and the other 5 or more plain digits.
 * Null for anything else, so a UID or a number spaced in groups ("1380 0138 0001", "+86 138 0013 8000")
 * is not taken apart.
 */
export function splitUidAndMobile(text: string): { uid: string; mobile: string } | null {
  const groups = text
    .normalize('NFKC')
    .trim()
    .split(VALUE_SEPARATORS)
    .filter((g) => g !== '')
  if (groups.length !== 2) return null
  const [a, b] = groups as [string, string]
  const pick = (mobile: string, uid: string) => (MOBILE_GROUP.test(mobile) && /^\d{5,}$/.test(uid) ? { uid, mobile } : null)
  return pick(b, a) ?? pick(a, b)
}
