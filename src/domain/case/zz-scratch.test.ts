import { test } from 'vitest'
import { planLookup } from './lookup'
import { normalizeUid } from './uid'
import { normalizePhone } from './phone'
import { normalizeEmail } from './email'

test('scratch', () => {
  const qs = ['+86 138 0013 8000', '+86-138-0013-8000', '0086 13800138000', '13800138000', '138 0013 8000', '１３８００１３８０００', '13800138000\n', '+86 138 0013 8000\r\n', '8000', '8000\n', ' 0013 8000 ',
   'UID: 3500123456', 'UID 3500123456', 'uid：３５００１２３４５６', 'UID#3500123456', 'UID:3500123456\n', '用户ID：3500123456', 'Email: LI.WEI@GMAIL.COM', 'LI.WEI@GMAIL.COM\n', '<li.wei@gmail.com>', 'E-mail: li.wei@gmail.com', '邮箱：li.wei@gmail.com', '手机号：13800138000', '手机：+86 138 0013 8000', 'Phone: 138 0013 8000', 'tel:+8613800138000', '+86 (0)138 0013 8000', '(+86) 138 0013 8000', '+86 138\u200b0013 8000', '138/0013/8000', '138.0013.8000', '+86 138 0013 8000 ', 'VC-20261205-ABCD', 'li.wei@gmail.com;', '"li.wei@gmail.com"', '＋８６ １３８ ００１３ ８０００', '86-138-0013-8000', 'mailto:LI.WEI@gmail.com']
  for (const q of qs) console.log(JSON.stringify(q), JSON.stringify(planLookup(q)))
  for (const u of ['UID: 3500123456', 'UID 3500 1234 56', '3500123456\n', 'uid：３５００１２３４５６', 'ID: 3500123456', '#3500123456', 'UID:3500123456 ', '用户ID：35001234', 'Uid-3500123456', '3500123456。'])
    console.log('uid', JSON.stringify(u), JSON.stringify(normalizeUid(u)))
  for (const p of ['+86 138 0013 8000', '+86-138-0013-8000', '0086 13800138000', '13800138000\n', '１３８００１３８０００', '138 0013 8000', '(+86) 138 0013 8000', '+86 (0)138 0013 8000', '86 138 0013 8000', '+86 138\u200b0013 8000', '138/0013/8000', '138.0013.8000', 'Phone: 13800138000', '+8613800138000。', '+86 138 0013 8000;'])
    console.log('phone', JSON.stringify(p), JSON.stringify(normalizePhone(p)))
  for (const e of ['LI.WEI@GMAIL.COM', ' li.wei@gmail.com\n', 'Email: li.wei@gmail.com', '<li.wei@gmail.com>', 'li.wei＠gmail.com', 'li.wei@gmail.com。', '"li.wei@gmail.com"', 'mailto:Li@QQ.com', 'Li Wei <li.wei@gmail.com>', '邮箱：li.wei@qq.com'])
    console.log('email', JSON.stringify(e), JSON.stringify(normalizeEmail(e)))
})
