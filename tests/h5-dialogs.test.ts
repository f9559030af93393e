import { waitFor } from '@testing-library/react'
import { installAccessibleDialogs } from '../src/platform/dialogs'

/** Taro's H5 modal as taro-h5 builds it: plain divs, created once, shown and hidden by style. */
function taroModal(onCancel: () => void, onConfirm: () => void): HTMLElement {
  const el = document.createElement('div')
  el.className = 'taro__modal'
  el.innerHTML = `<div class="taro-modal__mask"></div><div class="taro-modal__content"><div class="taro-modal__title">清空最近查过？</div>
    <div class="taro-modal__text">清空后不能恢复。</div><div class="taro-modal__foot"><div class="taro-model__btn taro-model__cancel">不清空</div>
    <div class="taro-model__btn taro-model__confirm">清空</div></div></div>`
  ;(el.querySelector('.taro-model__cancel') as HTMLElement).onclick = onCancel
  ;(el.querySelector('.taro-model__confirm') as HTMLElement).onclick = onConfirm
  return el
}

test("Taro's H5 modal becomes a dialog: named, buttons reachable and pressed by keys, Escape cancels, focus returns", async () => {
  const stop = installAccessibleDialogs()
  const opener = document.createElement('button')
  document.body.appendChild(opener)
  opener.focus()
  const cancel = jest.fn()
  const confirm = jest.fn()
  const modal = taroModal(cancel, confirm)
  document.body.appendChild(modal)

  const dialog = await waitFor(() => {
    const d = modal.querySelector('[role="alertdialog"]')
    if (!d) throw new Error('not enhanced yet')
    return d as HTMLElement
  })
  expect(dialog.getAttribute('aria-modal')).toBe('true')
  expect(document.getElementById(dialog.getAttribute('aria-labelledby') as string)?.textContent).toBe('清空最近查过？')
  const [no, yes] = Array.from(modal.querySelectorAll<HTMLElement>('.taro-model__btn'))
  expect(no?.getAttribute('role')).toBe('button')
  expect(yes?.tabIndex).toBe(0)
  // The safe choice has the focus.
  await waitFor(() => expect(document.activeElement).toBe(no))

  yes?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
  expect(confirm).toHaveBeenCalledTimes(1)
  no?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
  expect(cancel).toHaveBeenCalledTimes(1)

  // Hidden by its style: the focus goes back to what opened it; shown again: to the safe choice again.
  modal.style.display = 'none'
  await waitFor(() => expect(document.activeElement).toBe(opener))
  modal.style.display = 'block'
  await waitFor(() => expect(document.activeElement).toBe(no))
  stop()
})
