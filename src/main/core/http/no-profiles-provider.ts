import type { CredentialProvider } from '../auth/credential-provider'
import { AppError } from '../../../shared/errors'

/**
 * A provider that knows no profiles: requests go without credentials and paths like `/companies` are
 * refused with a clear message. Used when the app core is composed without the credentials capability's
 * provider (which supplies the real one through `AppCoreOptions`/createAppCore).
 */
export function createNoProfilesProvider(): CredentialProvider {
  return {
    async authHeadersFor() {
      return undefined
    },
    async refreshAfterUnauthorized() {
      return false
    },
    async reactorBaseUrl(profileId: string) {
      throw new AppError('profile-not-found', `There is no profile "${profileId}". Create or choose a profile first.`)
    }
  }
}
