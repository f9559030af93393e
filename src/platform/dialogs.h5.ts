import type * as Shared from './dialogs'

/**
 * Taro's H5 modal (Taro.showModal) is a stack of plain divs: no dialog role, buttons a keyboard cannot reach, the
 * focus left behind it. This watches for it and makes it a dialog: role and name, its buttons real buttons (Tab,
 * Enter, Space), the focus on the safe choice when it opens, Escape to cancel, and the focus back where it was when
 * it closes. Taro creates the modal once and shows or hides it by its style. Browser only: the mini-program's modal
 * is WeChat's own.
 */
export const installAccessibleDialogs: typeof Shared.installAccessibleDialogs = (doc = document) => {
  let returnTo: HTMLElement | null = null
  const shown = (modal: HTMLElement) => modal.style.display !== 'none'
  const visible = (el: HTMLElement | null) => el !== null && el.style.display !== 'none'

  const opened = (modal: HTMLElement) => {
    const active = doc.activeElement
    returnTo = active instanceof HTMLElement && !modal.contains(active) ? active : returnTo
    // The safe choice first (不清空, 稍后); a modal with one button focuses that one.
    const cancel = modal.querySelector<HTMLElement>('.taro-model__cancel')
    const first = visible(cancel) ? cancel : modal.querySelector<HTMLElement>('.taro-model__confirm')
    setTimeout(() => first?.focus(), 0)
  }
  const closed = () => {
    if (returnTo?.isConnected) returnTo.focus()
    returnTo = null
  }

  const enhance = (modal: HTMLElement) => {
    const content = modal.querySelector<HTMLElement>('.taro-modal__content')
    const title = modal.querySelector<HTMLElement>('.taro-modal__title')
    const text = modal.querySelector<HTMLElement>('.taro-modal__text')
    if (content) {
      content.setAttribute('role', 'alertdialog')
      content.setAttribute('aria-modal', 'true')
      if (title) content.setAttribute('aria-labelledby', (title.id ||= 'taro-modal-title'))
      if (text) content.setAttribute('aria-describedby', (text.id ||= 'taro-modal-text'))
    }
    for (const b of Array.from(modal.querySelectorAll<HTMLElement>('.taro-model__btn'))) {
      b.setAttribute('role', 'button')
      b.tabIndex = 0
      b.addEventListener('keydown', (e) => {
        if (e.key !== 'Enter' && e.key !== ' ') return
        e.preventDefault()
        b.click()
      })
    }
    modal.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return
      const cancel = modal.querySelector<HTMLElement>('.taro-model__cancel')
      if (visible(cancel)) cancel?.click()
    })
    // Shown and hidden by its style from now on.
    let wasShown = shown(modal)
    new MutationObserver(() => {
      const now = shown(modal)
      if (now && !wasShown) opened(modal)
      if (!now && wasShown) closed()
      wasShown = now
    }).observe(modal, { attributes: true, attributeFilter: ['style'] })
    if (wasShown) opened(modal)
  }

  const observer = new MutationObserver((records) => {
    for (const r of records) {
      r.addedNodes.forEach((n) => {
        if (n instanceof HTMLElement && n.classList.contains('taro__modal')) enhance(n)
      })
    }
  })
  observer.observe(doc.body, { childList: true })
  return () => observer.disconnect()
}
