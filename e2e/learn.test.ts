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
  await page.waitForFunction(() => {
    const v = document.querySelector<HTMLVideoElement>('.video-page video')
    return v !== null && v.readyState >= 2 && v.currentTime > 0.3
  }, undefined, { timeout: 20_000 })
  assert.match(await page.locator('.video-page').innerText(), /视频说了什么/)
  await page.screenshot({ path: path.join(ARTIFACTS, 'learn-video.png'), fullPage: true })
  await page.goBack()
  await page.locator('.video-card').first().waitFor()
})
