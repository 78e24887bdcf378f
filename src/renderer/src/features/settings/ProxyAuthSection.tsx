// The login of an authenticating (407) manual proxy: the user name is a setting, the password goes one way
// to main, which keeps it with the secrets service (keychain, else safeStorage, else memory). The renderer
// only learns whether one is stored.
import type { SecretBackendInfo } from '@shared/ipc/profiles.contract'
import { Field, type SectionProps } from './SettingsField'
import type { NetworkForm } from './settings-form'

interface Props extends SectionProps<NetworkForm> {
  passwordStored: boolean
  backend?: SecretBackendInfo
}

export function ProxyAuthSection({ id, form, errors, update, field, passwordStored, backend }: Props) {
  const stored = passwordStored && !form.forgetPassword
  const kept =
    backend?.backend === 'memory'
      ? 'Kept in memory for this session only (no keychain here), never written to disk.'
      : backend?.backend === 'safe-storage'
        ? 'Encrypted with the system’s key (safeStorage), never in the settings file.'
        : 'Kept in the system keychain, never in the settings file.'
  return (
    <div className="st-grid st-login" role="group" aria-label="Proxy login">
      <Field id={`${id}-username`} label="Proxy user name" error={errors.username} hint="Only if the proxy asks for a login (HTTP 407). Sent as Basic authentication, to the proxy only.">
        <input
          {...field('username')}
          className="input"
          spellCheck={false}
          autoComplete="off"
          placeholder="optional"
          value={form.username}
          onChange={(event) => update({ username: event.target.value })}
        />
      </Field>
      <div className="field st-field">
        <label htmlFor={`${id}-password`} className="st-label">Proxy password</label>
        <div className="st-control">
          <input
            id={`${id}-password`}
            className="input"
            type="password"
            autoComplete="new-password"
            aria-describedby={`${id}-password-hint`}
            placeholder={stored ? '•••••••• (stored)' : ''}
            value={form.password}
            onChange={(event) => update({ password: event.target.value, forgetPassword: false })}
          />
          {stored && (
            <button type="button" className="btn btn-small" onClick={() => update({ forgetPassword: true, password: '' })}>
              Remove
            </button>
          )}
        </div>
        <p className="st-hint" id={`${id}-password-hint`}>
          {form.forgetPassword
            ? 'The stored password will be removed when you save.'
            : stored
              ? `A password is stored (${backend?.backend === 'memory' ? 'for this session' : 'in the keychain'}). Type a new one to replace it.`
              : kept}
        </p>
      </div>
    </div>
  )
}
