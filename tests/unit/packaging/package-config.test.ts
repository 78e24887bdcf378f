import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

// The installers cannot be built on our machines (no Electron binary), so the configuration that makes them
// safe is checked here: every fuse set the way the threat model needs, asar on, the targets people install.
const root = join(__dirname, '../../..')
const require = createRequire(import.meta.url)
const builder = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>
const afterPack = require(join(root, 'scripts/after-pack.cjs')) as { FUSE_SETTINGS: Record<string, boolean> }
const { FuseV1Options } = require('@electron/fuses') as { FuseV1Options: Record<string, number | string> }

describe('electron-builder configuration', () => {
  it('packs the app in asar, flips fuses after packing, and names the app', () => {
    expect(builder.asar).toBe(true)
    expect(builder.afterPack).toBe('scripts/after-pack.cjs')
    expect(builder.appId).toMatch(/^[a-z0-9.-]+$/)
    expect(builder.productName).toBe('Reactor Explorer')
    expect(builder.files).toContain('out/**')
    // Native modules must sit outside the archive to load.
    expect(builder.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/keytar/**']))
  })

  it('builds a universal dmg, an NSIS installer, an AppImage and a deb, each with the icon', () => {
    expect(builder.mac.target).toEqual([{ target: 'dmg', arch: ['universal'] }])
    expect(builder.win.target[0].target).toBe('nsis')
    expect(builder.linux.target).toEqual(['AppImage', 'deb'])
    for (const platform of ['mac', 'win', 'linux']) expect(builder[platform].icon, platform).toBe('build/icon.png')
    const png = readFileSync(join(root, 'build/icon.png'))
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512)
  })
})

describe('Electron fuses', () => {
  const required: Record<string, boolean> = {
    RunAsNode: false,
    EnableNodeOptionsEnvironmentVariable: false,
    EnableNodeCliInspectArguments: false,
    EnableCookieEncryption: true,
    EnableEmbeddedAsarIntegrityValidation: true,
    OnlyLoadAppFromAsar: true,
    GrantFileProtocolExtraPrivileges: false
  }
  for (const [fuse, value] of Object.entries(required)) {
    it(`${fuse} is ${value ? 'on' : 'off'}`, () => {
      expect(FuseV1Options[fuse], `${fuse} is a fuse @electron/fuses knows`).toBeTypeOf('number')
      expect(afterPack.FUSE_SETTINGS[fuse]).toBe(value)
    })
  }

  it('flips exactly those fuses on the packaged executable, per platform', async () => {
    const calls: Array<{ path: string; fuses: Record<string, unknown> }> = []
    const record = async (path: string, fuses: Record<string, unknown>) => void calls.push({ path, fuses })
    const { flipPackagedFuses } = require(join(root, 'scripts/after-pack.cjs')) as { flipPackagedFuses: (context: unknown, flip: typeof record) => Promise<void> }
    const context = (electronPlatformName: string, arch: number) => ({
      electronPlatformName,
      arch,
      appOutDir: '/out',
      packager: { appInfo: { productFilename: 'Reactor Explorer' }, executableName: 'reactor-explorer' }
    })
    await flipPackagedFuses(context('darwin', 4), record)
    await flipPackagedFuses(context('win32', 1), record)
    await flipPackagedFuses(context('linux', 1), record)
    expect(calls.map((call) => call.path)).toEqual([
      '/out/Reactor Explorer.app/Contents/MacOS/Reactor Explorer',
      '/out/Reactor Explorer.exe',
      '/out/reactor-explorer'
    ])
    for (const call of calls) {
      for (const [fuse, value] of Object.entries(required)) expect(call.fuses[String(FuseV1Options[fuse])], fuse).toBe(value)
    }
    expect(calls[0]!.fuses.resetAdHocDarwinSignature).toBe(true)
    expect(calls[1]!.fuses.resetAdHocDarwinSignature).toBe(false)
  })
})

describe('npm run dist and the release workflow', () => {
  it('dist explains itself where the Electron binary is absent; the workflow builds on three OSes and runs e2e-electron', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
    expect(pkg.scripts.dist).toBe('node scripts/dist.mjs')
    expect(readFileSync(join(root, 'scripts/dist.mjs'), 'utf8')).toMatch(/cannot be built here because the Electron binary/)
    const workflow = parse(readFileSync(join(root, '.github/workflows/release.yml'), 'utf8')) as Record<string, any>
    expect(workflow.jobs.installers.strategy.matrix.os).toEqual(['macos-latest', 'windows-latest', 'ubuntu-latest'])
    const steps = JSON.stringify(workflow.jobs.installers.steps)
    expect(steps).toContain('test:e2e-electron')
    expect(steps).toContain('npm run dist')
    expect(steps).toContain('secrets.CSC_LINK')
  })
})
