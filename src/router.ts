import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import CasesView from '@/views/cases/index.vue'

/**
 * The case page: a lazy chunk, fetched and evaluated at the first idle moment after the first screen
 * (main.ts), so the first case opened does not wait for it.
 */
export const loadCaseView = () => import('@/views/case/index.vue')

/** Hash history: the same URLs work from app://console/ and from any static server. */
export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: { name: 'cases' } },
  { path: '/cases', name: 'cases', component: CasesView, meta: { title: 'common.nav.cases' } },
  { path: '/cases/new', name: 'new-case', component: () => import('@/views/intake/index.vue'), meta: { title: 'common.nav.newCase' } },
  { path: '/cases/:id(\\d+)', name: 'case', component: loadCaseView, props: true },
  { path: '/reviews', name: 'reviews', component: () => import('@/views/reviews/index.vue'), meta: { title: 'common.nav.reviews' } },
  {
    path: '/templates',
    name: 'templates',
    component: () => import('@/views/templates/index.vue'),
    meta: { title: 'common.nav.templates' },
  },
  { path: '/trash', name: 'trash', component: () => import('@/views/trash/index.vue'), meta: { title: 'common.nav.trash' } },
  {
    path: '/cases/:id(\\d+)/report',
    name: 'case-report',
    component: () => import('@/views/report/index.vue'),
    props: true,
    meta: { title: 'export.report.title' },
  },
  {
    path: '/dashboard',
    name: 'dashboard',
    component: () => import('@/views/dashboard/index.vue'),
    meta: { title: 'common.nav.dashboard' },
  },
  { path: '/export', name: 'export', component: () => import('@/views/export/index.vue'), meta: { title: 'export.title' } },
  { path: '/settings', name: 'settings', component: () => import('@/views/settings/index.vue'), meta: { title: 'common.nav.settings' } },
  { path: '/:pathMatch(.*)*', redirect: { name: 'cases' } },
]

export function createAppRouter() {
  return createRouter({ history: createWebHashHistory(), routes })
}
