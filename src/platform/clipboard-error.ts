/** Why the clipboard could not be read: the browser has no clipboard API, or it (or the resident) refused. */
export class ClipboardUnavailable extends Error {
  constructor(readonly reason: 'unsupported' | 'refused') {
    super(reason)
  }
}
