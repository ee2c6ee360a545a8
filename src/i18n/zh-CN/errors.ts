import exportMessages from './export'
import guardMessages from './guard'

export default {
  uid: {
    empty: '请输入 UID。',
    notDigits: 'UID 只能包含数字，不能有“{char}”。',
    tooShort: 'UID 至少 {min} 位数字。',
    tooLong: 'UID 最多 {max} 位数字。',
  },
  phone: {
    empty: '请输入手机号。',
    notANumber: '这不是一个手机号。',
    tooShort: '手机号位数太少。',
    tooLong: '手机号位数太多。',
    invalidCountry: '无法识别的国家/地区代码。请以 + 加国家代码开头，例如香港为 +852。',
    invalidLength: '该号码的位数与其国家/地区不符。',
    invalid: '这不是有效的手机号。请核对数字；中国大陆以外的号码请加上国家代码（+…）。',
  },
  email: {
    empty: '请输入邮箱地址。',
    spaces: '邮箱地址中不能有空格。',
    noAt: "邮箱地址需要包含 {'@'}。",
    invalid: '这不是有效的邮箱地址。',
  },
  case: {
    identityRequired: '请至少填写 UID、手机号或邮箱中的一项，以便日后查找该工单。',
    channelRequired: '请至少勾选一个受影响的渠道。',
    symptomRequired: '请选择问题现象。',
    invalidChoice: '请从列出的选项中选择。',
    notesTooLong: '备注最多 {max} 个字符。',
  },
  contradiction: {
    unavailableNotBound: '“{method}”被标记为无法使用，但该账户并未绑定它。',
    authenticatorNotBound: '身份验证器验证码受影响，但该账户未绑定身份验证器。',
    iphoneWithAndroidApp: '设备是 iPhone，却选择了安卓拦截应用。',
  },
  storage: {
    quota: '控制台存储空间已满，未保存任何内容，您输入的内容仍保留。请导出并清理旧工单后重试。',
    constraint: '与已有记录冲突，未保存任何内容。',
    version: '新版本的控制台已更改数据库。请关闭其他控制台窗口后重新加载。',
    unavailable: '无法打开工单数据库。请关闭其他控制台窗口后重新加载。未保存任何内容。',
    generic: '保存失败（{detail}）。未保存任何内容，您输入的内容仍保留。',
  },
  range: { startAfterEnd: '开始日期晚于结束日期。' },
  export: exportMessages.problems,
  guard: guardMessages.problems,
  fixBeforeSaving: '请先修正标出的字段再保存。',
}
