import { useState } from 'react'
import { messageOf } from '../services/http'

/**
 * One action behind a button or a dialog's OK: busy while it runs, its refusal kept as Chinese text to show beside
 * the control (not a toast the clerk may miss). `run` resolves to whether the work succeeded.
 */
export function useAction() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = async (work: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true)
    setError(null)
    try {
      await work()
      return true
    } catch (err) {
      setError(messageOf(err))
      return false
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, run }
}
