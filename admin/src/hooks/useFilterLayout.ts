import { Grid } from 'antd'

/** Filter bars sit in one wrapping row on a desktop and stack on a phone (a date range alone is wider than 375 px). */
export function useFilterLayout(): 'inline' | 'vertical' {
  return Grid.useBreakpoint().sm === false ? 'vertical' : 'inline'
}
