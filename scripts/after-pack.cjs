// electron-builder afterPack: flip Electron's fuses in the packaged binary before it is signed, so the
// shipped app cannot be turned into a plain Node runtime or told to load code from outside its archive.
// The settings are exported for the test that fails when one is missing (tests/unit/packaging).
const { join } = require('node:path')

/** The fuses and the value each must have; every one is listed so none is left at Electron's default. */
const FUSE_SETTINGS = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableCookieEncryption: true,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false
}

function executablePath(context) {
  const name = context.packager.appInfo.productFilename
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(context.appOutDir, `${name}.app`, 'Contents', 'MacOS', name)
    case 'win32':
      return join(context.appOutDir, `${name}.exe`)
    default:
      return join(context.appOutDir, context.packager.executableName)
  }
}

/** `flip` is @electron/fuses' flipFuses; the test passes a recorder instead. */
async function flipPackagedFuses(context, flip) {
  const { FuseVersion, FuseV1Options } = require('@electron/fuses')
  const fuses = { version: FuseVersion.V1 }
  for (const [name, value] of Object.entries(FUSE_SETTINGS)) fuses[FuseV1Options[name]] = value
  // Apple silicon refuses a binary whose ad-hoc signature no longer matches; re-sign ad hoc after flipping.
  // builder-util's Arch: arm64 = 3, universal = 4 (both contain an arm64 slice).
  fuses.resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && [3, 4].includes(context.arch)
  await flip(executablePath(context), fuses)
}

async function afterPack(context) {
  await flipPackagedFuses(context, require('@electron/fuses').flipFuses)
}

module.exports = afterPack
module.exports.default = afterPack
module.exports.FUSE_SETTINGS = FUSE_SETTINGS
module.exports.flipPackagedFuses = flipPackagedFuses
