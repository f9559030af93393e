import { TaskQueuePage } from '../calls'

/**
 * 上门劝阻: the station's visit tasks (an officer sees their own township's). Built for a phone in a village: the task
 * in hand is one card with the number to call, the code to show and the result to record.
 */
export default function VisitsPage() {
  return <TaskQueuePage kind="visit" />
}
