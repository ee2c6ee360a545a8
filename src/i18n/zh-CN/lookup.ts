export default {
  label: '查找工单',
  placeholder: 'UID、手机号、手机尾号（4位以上）、邮箱或工单号',
  shortcutHint: '在任何页面按下此键即可跳到搜索框',
  results: '匹配的工单',
  count: '没有匹配的工单 | 1 个匹配的工单 | {n} 个匹配的工单',
  none: '没有与“{query}”匹配的工单。',
  logNew: '用此信息新建工单',
  kind: {
    uid: 'UID',
    uidPrefix: 'UID 开头',
    phone: '手机号',
    phoneSuffix: '手机尾号',
    email: '邮箱',
    caseNumber: '工单号',
  },
}
