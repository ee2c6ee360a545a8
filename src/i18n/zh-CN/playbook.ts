/** 处理手册界面文字（命名空间 `playbook`）：下一步理由、状态、升级条件、错误。 */
export default {
  reason: {
    next: {
      'sms-blocking': {
        'android-builtin': '安卓手机（自带手机管家）收不到短信验证码：先检查拦截记录。',
        'android-360': '安卓手机（360手机卫士）收不到短信验证码：先检查被拦截的短信。',
        'android-tencent': '安卓手机（腾讯手机管家）收不到短信验证码：先检查被拦截的短信。',
        'android-generic': '安卓手机收不到短信验证码：先检查已拦截信息文件夹。',
        iphone: 'iPhone 收不到短信验证码：先检查“过滤未知发件人”。',
        generic: '收不到短信验证码：先检查手机的短信拦截（询问手机类型）。',
      },
      'carrier-sms': {
        'china-mobile': '运营商可能拦截国际短信：请用户拨打中国移动 {hotline} 开通。',
        'china-unicom': '运营商可能拦截国际短信：请用户拨打中国联通 {hotline} 开通。',
        'china-telecom': '运营商可能拦截国际短信：请用户拨打中国电信 {hotline} 开通。',
        other: '运营商可能拦截国际短信：请用户拨打运营商客服热线开通。',
      },
      'email-code': {
        switch: '已绑定可用的邮箱：改用邮箱验证码。',
        troubleshoot: '收不到邮箱验证码：检查垃圾邮件、搜索发件人、加入白名单。',
        'troubleshoot-slow': '收不到邮箱验证码，且QQ邮箱/163邮箱可能延迟：先排查，再建议改绑 Gmail 或 Outlook。',
      },
      'rebind-phone': {
        default: '该号码可能始终收不到我们的短信，而用户能用其他方式登录：换绑新手机号。',
        'lost-number': '旧号码已无法使用，但用户能用其他方式登录：换绑新手机号。',
      },
      authenticator: {
        bind: '短信反复失败，而用户能用其他方式登录：绑定身份验证器，一劳永逸。',
        'use-bound': '已绑定且可用的身份验证器：改用它验证，不再依赖短信。',
      },
      'network-time': {
        default: '检查网络和手机时间设置。',
        rejected: '验证码能收到却被拒绝：先检查手机的自动时间和时区。',
        authenticator: '身份验证器验证码无效：通常是手机时间不准，先检查时间设置。',
      },
      escalate: {
        restricted: '账户被限制发送验证码：直接升级给客服处理。',
        'codes-rejected': '时间正确仍总是提示验证码无效：升级申请安全重置。',
        'old-number-unusable': '旧号码已无法使用且没有其他可用的验证方式：升级申请安全重置。',
        'all-tried': '方法一至六都已尝试无效或不适用：升级申请安全重置。',
      },
    },
    skip: {
      failed: '已尝试，没有解决。',
      resolved: '此方法已解决问题。',
      'not-applicable': '已标记为不适用。',
      declined: '用户拒绝尝试。',
      'case-resolved': '无需再试：方法{method}已解决问题。',
      restricted: '账户被限制发送验证码：只能由客服处理。',
      'not-sms': '仅适用于短信问题。',
      'sms-unavailable': '该手机号已无法接收短信。',
      'code-arrives': '验证码能收到，问题不在送达。',
      'email-not-bound': '账户未绑定邮箱。',
      'email-unavailable': '用户无法使用已绑定的邮箱。',
      'no-other-login': '用户无法用其他已绑定的方式登录。',
      'authenticator-failing': '出问题的正是身份验证器的验证码。',
      'authenticator-lost': '已绑定的身份验证器丢失：只能通过安全重置更换。',
      'channels-unavailable': '出问题的验证渠道完全无法使用：检查网络和时间无济于事。',
      'criteria-not-met': '暂不需要：尚未满足任何升级条件。',
    },
    later: '如果方法{method}无效，再试此方法。',
    close: {
      resolved: '方法{method}已解决问题：结案并告知预防建议。',
    },
    none: {
      'nothing-left': '没有可建议的方法了：请复核案件信息或升级情况。',
    },
  },
  escalation: {
    restricted: '账户被限制发送验证码。',
    'codes-rejected': '验证码能收到但总是提示无效（已检查时间设置）。',
    'old-number-unusable': '旧号码无法接收短信，且没有其他可用的验证方式。',
    'all-tried': '方法一至六都已尝试无效或不适用。',
  },
  status: {
    'not-tried': '未尝试',
    suggested: '已建议',
    failed: '无效',
    resolved: '已解决',
    'not-applicable': '不适用',
    declined: '用户拒绝',
  },
  verdict: {
    next: '下一步',
    later: '稍后',
    skipped: '跳过',
  },
  ui: {
    method: '方法{method}',
    steps: '已完成 {done}/{total} 步',
    inProgress: '进行中',
    whenItApplies: '适用情形',
    escalationOffered: '可以升级处理',
    escalationCriteria: '已满足的升级条件',
    declinedBeforeEscalation: '用户拒绝过：{methods}',
    prevention: '预防建议',
    history: '历史记录',
    variant: '适用情况',
  },
  error: {
    'unknown-step': '步骤“{step}”不在此清单中。',
    'note-too-long': '备注过长（最多 {max} 个字符）。',
  },
  load: {
    title: '处理手册文件有误',
    issue: '{file}：{field}：{message}',
  },
}
