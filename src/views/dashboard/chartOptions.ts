/**
 * ECharts options for the dashboard, built from the pure aggregates (no Vue, no ECharts at run time:
 * only its types). Colours come from the caller (the UI theme's variables), so each chart reads in the
 * light and the dark theme; labels come from the UI language.
 */
import type { BarSeriesOption } from 'echarts/charts'
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components'
import type { ComposeOption } from 'echarts/core'
import type { DashboardData } from '@/domain/dashboard/aggregate'
import { SYMPTOMS, type MethodId, type Symptom } from '@/domain/model'
import { SLA_STATUS_PRECEDENCE, type SlaStatus } from '@/domain/sla/status'

export type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>

export interface ChartTheme {
  text: string
  muted: string
  axis: string
  split: string
  tooltipBg: string
  tooltipBorder: string
  primary: string
  font: string
}

/** Hues that keep their contrast on white and on the dark theme's card colour. */
export const SYMPTOM_COLORS: Record<Symptom, string> = {
  'not-received': '#3b82f6',
  rejected: '#f59e0b',
  restricted: '#a855f7',
}
export const STATUS_COLORS: Record<SlaStatus, string> = {
  closed: '#22c55e',
  paused: '#64748b',
  overdue: '#ef4444',
  atRisk: '#f59e0b',
  inWindow: '#3b82f6',
  pending: '#94a3b8',
}

const base = (theme: ChartTheme): ChartOption => ({
  backgroundColor: 'transparent',
  animation: false,
  textStyle: { color: theme.text, fontFamily: theme.font },
  tooltip: {
    trigger: 'axis',
    axisPointer: { type: 'shadow' },
    backgroundColor: theme.tooltipBg,
    borderColor: theme.tooltipBorder,
    textStyle: { color: theme.text },
  },
})

const valueAxis = (theme: ChartTheme) => ({
  type: 'value' as const,
  minInterval: 1,
  axisLabel: { color: theme.muted },
  splitLine: { lineStyle: { color: theme.split } },
})

const categoryAxis = (theme: ChartTheme, data: string[]) => ({
  type: 'category' as const,
  data,
  axisLabel: { color: theme.muted },
  axisLine: { lineStyle: { color: theme.axis } },
  axisTick: { lineStyle: { color: theme.axis } },
})

/** Cases per day, one stacked bar series per symptom. */
export function perDayOption(
  d: DashboardData,
  labels: { symptom: Record<Symptom, string>; day: (iso: string) => string },
  theme: ChartTheme,
): ChartOption {
  return {
    ...base(theme),
    legend: { top: 0, textStyle: { color: theme.text }, itemGap: 18 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: categoryAxis(theme, d.days.map(labels.day)),
    yAxis: valueAxis(theme),
    series: SYMPTOMS.map((s) => ({
      type: 'bar' as const,
      name: labels.symptom[s],
      stack: 'cases',
      data: d.perDay[s],
      itemStyle: { color: SYMPTOM_COLORS[s] },
      barMaxWidth: 28,
    })),
  }
}

/** Cases resolved per method (article order, top to bottom), labelled "count (share)". */
export function methodsOption(
  d: DashboardData,
  labels: { method: Record<MethodId, string>; share: (x: number) => string; num?: (n: number) => string },
  theme: ChartTheme,
): ChartOption {
  const num = labels.num ?? String
  const rows = d.resolved.byMethod
  return {
    ...base(theme),
    grid: { left: 8, right: 80, top: 8, bottom: 8, containLabel: true },
    xAxis: valueAxis(theme),
    yAxis: {
      ...categoryAxis(
        theme,
        rows.map((r) => labels.method[r.method]),
      ),
      inverse: true,
    },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => r.count),
        itemStyle: { color: theme.primary },
        barMaxWidth: 22,
        label: {
          show: true,
          position: 'right',
          color: theme.text,
          formatter: (p: { dataIndex: number }) => {
            const r = rows[p.dataIndex]
            return r ? `${num(r.count)} (${labels.share(r.share)})` : ''
          },
        },
      },
    ],
  }
}

/** Reviews per SLA status, one coloured bar per status. */
export function reviewsOption(
  d: DashboardData,
  labels: { status: Record<SlaStatus, string>; num?: (n: number) => string },
  theme: ChartTheme,
): ChartOption {
  const num = labels.num ?? String
  return {
    ...base(theme),
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    // every status is labelled (no skipping); long labels wrap
    xAxis: {
      ...categoryAxis(
        theme,
        SLA_STATUS_PRECEDENCE.map((s) => labels.status[s]),
      ),
      axisLabel: { color: theme.muted, interval: 0, width: 64, overflow: 'break' },
    },
    yAxis: valueAxis(theme),
    series: [
      {
        type: 'bar',
        data: SLA_STATUS_PRECEDENCE.map((s) => ({ value: d.reviews.byStatus[s], itemStyle: { color: STATUS_COLORS[s] } })),
        barMaxWidth: 40,
        label: { show: true, position: 'top', color: theme.text, formatter: (p: { value: unknown }) => num(Number(p.value)) },
      },
    ],
  }
}

/** A duration as the largest two units, for the i18n keys dashboard.duration.{days,hours,minutes}. */
export function durationParts(ms: number): { key: 'days' | 'hours' | 'minutes'; params: { d?: number; h?: number; m?: number } } {
  const minutes = Math.round(Math.max(0, ms) / 60_000)
  if (minutes >= 24 * 60) {
    const hours = Math.round(minutes / 60)
    return { key: 'days', params: { d: Math.floor(hours / 24), h: hours % 24 } }
  }
  if (minutes >= 60) return { key: 'hours', params: { h: Math.floor(minutes / 60), m: minutes % 60 } }
  return { key: 'minutes', params: { m: minutes } }
}
