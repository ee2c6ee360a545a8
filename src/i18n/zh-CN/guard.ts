/** 敏感信息拦截（src/domain/guard）：备注、审核字段或回复中含有敏感信息时显示的对话框。 */
export default {
  title: '此文本包含系统不允许保存的信息',
  intro: '系统不会保存验证码、验证器密钥和证件号码。删除后即可保存。',
  found: '发现：{kind} {preview}',
  kinds: {
    verificationCode: '验证码',
    authenticatorKey: '身份验证器密钥',
    idNumber: '证件号码',
  },
  documents: {
    cnResidentId: '居民身份证',
    cnResidentId15: '居民身份证（15 位）',
    hkId: '香港身份证',
    passport: '护照或通行证',
  },
  remove: '从文本中删除',
  redactAndSave: '删除并保存',
  editText: '修改文本',
  preview: '删除后的文本',
  problems: {
    verificationCode: '请先删除验证码再保存（发现 {count} 处）。',
    authenticatorKey: '请先删除验证器密钥再保存（发现 {count} 处）。',
    idNumber: '请先删除证件号码再保存（发现 {count} 处）。',
  },
}
