import { ComingSoon } from '../../app/Placeholder'

export function ProfilesArea() {
  return (
    <ComingSoon title="Profiles">
      <p>Add the Client ID, Client Secret and Org ID from Adobe Developer Console, or import the project's <code>workspace.json</code>. Secrets go to your operating system's keychain, and the Credential Doctor tells you in plain words whether the credential works.</p>
    </ComingSoon>
  )
}
