import { useEffect, useRef } from 'react'
import * as echarts from 'echarts/core'
import { BarChart, LineChart } from 'echarts/charts'
import { AriaComponent, DatasetComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import type { EChartsCoreOption } from 'echarts/core'

// Modular imports: only the chart types and components the dashboard draws (about half of the full bundle).
echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, DatasetComponent, AriaComponent, CanvasRenderer])

/** One chart; `label` describes it to screen readers (the figures beside it carry the numbers as text). */
export function EChart({
  option,
  label,
  onClickName,
  height = 320
}: {
  option: EChartsCoreOption
  label: string
  onClickName?: (name: string) => void
  height?: number
}) {
  const box = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)
  const clickRef = useRef(onClickName)
  clickRef.current = onClickName

  useEffect(() => {
    const el = box.current
    if (!el) return
    const instance = echarts.init(el, undefined, { renderer: 'canvas' })
    chart.current = instance
    instance.on('click', (p) => clickRef.current?.(String(p.name)))
    const observer = new ResizeObserver(() => instance.resize())
    observer.observe(el)
    return () => {
      observer.disconnect()
      instance.dispose()
      chart.current = null
    }
  }, [])

  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, animation: false, ...option }, true)
  }, [option])

  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height }} />
}
