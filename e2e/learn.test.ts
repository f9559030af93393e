import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { ARTIFACTS, useAppSession } from './harness.ts'

const app = useAppSession()

test('学反诈: search "投资", open a tip, open a video and see it play, go back', async () => {
  const page = app.page
  await page.goto(`${app.server.url}/#/pages/learn/index`)
  await page.locator('.tip-item').first().waitFor()
  await page.locator('.learn-search__input input').fill('投资')
  // Debounced: the list changes once typing stops.
  await page.getByText('“投资”的搜索结果').waitFor()
  // The search has answered when the first result is one with the word in its title (title matches rank first).
  await page.waitForFunction(() => document.querySelector('.tip-item__title')?.textContent?.includes('投资') === true, undefined, { timeout: 10_000 })
  const texts = await page.locator('.tip-item').allInnerTexts()
  assert.ok(texts.length > 0 && texts.length < 24, 'the list is filtered')
  for (const t of texts) assert.match(t, /投资|理财/, 'every result is about 投资')
  await page.screenshot({ path: path.join(ARTIFACTS, 'learn-search.png'), fullPage: true })

  await page.locator('.tip-item').first().click()
  await page.locator('.tip-page').waitFor()
  assert.match(await page.locator('.tip-page').innerText(), /投资/)
  await page.goBack()
  await page.getByText('“投资”的搜索结果').waitFor()

  // Clear the search: the videos row comes back.
  await page.locator('.learn-search__input input').fill('')
  await page.locator('.video-card').first().waitFor()
  await page.locator('.video-card').first().click()
  await page.locator('.video-page').waitFor()
  const video = page.locator('.video-page video')
  await video.waitFor({ state: 'attached' })
  await video.evaluate((v: HTMLVideoElement) => {
    v.muted = true
    return v.play()
  })
  await page.waitForFunction(
    () => {
      const v = document.querySelector<HTMLVideoElement>('.video-page video')
      return v !== null && v.readyState >= 2 && v.currentTime > 0.3
    },
    undefined,
    { timeout: 20_000 }
  )
  assert.match(await page.locator('.video-page').innerText(), /视频说了什么/)
  await page.screenshot({ path: path.join(ARTIFACTS, 'learn-video.png'), fullPage: true })
  await page.goBack()
  await page.locator('.video-card').first().waitFor()
})

test('a video with the keyboard: its own controls are named buttons Tab reaches, Enter plays, captions show under it by default', async () => {
  const page = app.page
  const videos = (await (await fetch(`${app.server.url}/api/v1/videos`)).json()) as { items: Array<{ id: string; captionsUrl: string | null }> }
  const first = videos.items[0]
  assert.ok(first.captionsUrl, 'the demo videos have captions')
  await page.goto(`${app.server.url}/#/packages/learn/pages/video/index?id=${first.id}`)
  await page.locator('.video-page video').waitFor({ state: 'attached' })
  await page.locator('.video-page video').evaluate((v: HTMLVideoElement) => {
    v.muted = true
  })
  const captions = page.getByRole('region', { name: '字幕' })
  await captions.waitFor()
  // Tab from the top of the page reaches 播放 by its name.
  let reached = false
  for (let i = 0; i < 20 && !reached; i++) {
    await page.keyboard.press('Tab')
    reached = await page.evaluate(() => document.activeElement?.textContent?.trim() === '播放')
  }
  assert.ok(reached, 'Tab reaches 播放')
  await page.keyboard.press('Enter')
  await page.waitForFunction(
    () => {
      const v = document.querySelector<HTMLVideoElement>('.video-page video')
      return v !== null && !v.paused && v.currentTime > 0.5
    },
    undefined,
    { timeout: 20_000 }
  )
  // The first cue of the demo clip, in the line under the picture, at the page's text size.
  await page.waitForFunction(() => (document.querySelector('.video-page__caption')?.textContent ?? '').length > 4, undefined, { timeout: 10_000 })
  const sizes = await page.evaluate(() => ({
    caption: parseFloat(getComputedStyle(document.querySelector('.video-page__caption-text') as Element).fontSize),
    button: parseFloat(getComputedStyle(document.querySelector('.video-page__controls .app-button') as Element).fontSize),
    time: parseFloat(getComputedStyle(document.querySelector('.video-page__time') as Element).fontSize)
  }))
  assert.ok(sizes.caption >= 18 && sizes.button >= 18 && sizes.time >= 16, `text sizes ${JSON.stringify(sizes)}`)
  await page.getByRole('button', { name: '暂停' }).focus()
  await page.keyboard.press('Enter')
  await page.waitForFunction(() => document.querySelector<HTMLVideoElement>('.video-page video')?.paused === true)
  await page.getByRole('button', { name: '后退10秒' }).press('Enter')
  await page.waitForFunction(() => (document.querySelector<HTMLVideoElement>('.video-page video')?.currentTime ?? 99) < 0.5)
  await page.getByRole('button', { name: '关闭字幕' }).press('Enter')
  await captions.waitFor({ state: 'detached' })
  await page.getByRole('button', { name: '打开字幕' }).waitFor()
  await page.screenshot({ path: path.join(ARTIFACTS, 'learn-video-controls.png'), fullPage: true })
})
