// Renders build/icon.svg to build/icon.png (1024×1024), the one image electron-builder derives every
// platform's icon from (icns, ico, Linux sizes), and to the UI's 64×64 favicon (src/renderer/public/favicon.png).
// Run after editing the SVG: node scripts/render-icon.mjs
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

const root = join(import.meta.dirname, '..')
const svg = readFileSync(join(root, 'build/icon.svg'), 'utf8')
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
const page = await browser.newPage({ viewport: { width: 1024, height: 1024 } })
await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`)
await page.screenshot({ path: join(root, 'build/icon.png'), omitBackground: true })
await page.setViewportSize({ width: 64, height: 64 })
await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('width="1024" height="1024"', 'width="64" height="64"')}</body></html>`)
await page.screenshot({ path: join(root, 'src/renderer/public/favicon.png'), omitBackground: true })
await browser.close()
console.log('build/icon.png and src/renderer/public/favicon.png written')
