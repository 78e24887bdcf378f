// Settings → Certificates: extra CA certificates (a PEM file; the system's bundle where Node can read it)
// and the hosts whose certificates are not checked, with what main found when it read them.
import type { TlsStatus } from '@shared/ipc/settings.contract'
import { countOf } from '../../ui/plural'
import { Field, type SectionProps } from './SettingsField'
import { hostsOf, type NetworkForm } from './settings-form'

interface Props extends SectionProps<NetworkForm> {
  /** What main read with the saved settings (absent from older cores). */
  status?: TlsStatus
}

function day(iso: string | undefined): string | undefined {
  return iso?.slice(0, 10)
}

export function TlsSection({ id, form, errors, update, field, status }: Props) {
  const hosts = hostsOf(form.noVerifyHosts)
  const savedFile = status?.caFile && status.caFile.path === form.caFile.trim() ? status.caFile : undefined
  return (
    <>
      <fieldset className="st-section">
        <legend className="st-section-title">Trusted certificates</legend>
        <p className="st-hint st-lead">
          Requests trust the usual public certificate authorities. On a network that inspects HTTPS (a corporate TLS proxy), also trust the
          proxy’s root certificate: ask IT for it as a PEM file.
        </p>
        <Field
          id={`${id}-caFile`}
          label="Extra CA certificates (PEM file)"
          error={errors.caFile}
          hint={
            savedFile ? (
              <>
                In use: {countOf(savedFile.certificates, 'certificate')} ({savedFile.subjects.join('; ')}){savedFile.expiresAt ? `, valid until ${day(savedFile.expiresAt)}` : ''}.
              </>
            ) : (
              'The full path of a .pem or .crt file with -----BEGIN CERTIFICATE----- blocks; checked when you save.'
            )
          }
        >
          <input
            {...field('caFile')}
            className="input mono"
            spellCheck={false}
            autoComplete="off"
            placeholder="/home/me/corp-root-ca.pem"
            value={form.caFile}
            onChange={(event) => update({ caFile: event.target.value })}
          />
        </Field>
        <label className="st-check">
          <input type="checkbox" checked={form.useSystemCa} onChange={(event) => update({ useSystemCa: event.target.checked })} />
          <span className="st-radio-text">
            <span className="st-radio-label">Also trust this computer’s certificates</span>
            <span className="st-hint">
              {status?.systemCa
                ? `In use: ${countOf(status.systemCa.certificates, 'certificate')} from ${status.systemCa.path}.`
                : 'Linux: the system bundle (/etc/ssl/certs/ca-certificates.crt). Windows and macOS keep theirs where Node cannot read it: export the certificate as PEM and choose it above.'}
            </span>
          </span>
        </label>
        {status?.problems.map((problem) => (
          <p key={problem} className="st-notice st-notice-warning" role="status">
            {problem}
          </p>
        ))}
      </fieldset>

      <fieldset className="st-section">
        <legend className="st-section-title">Hosts not verified</legend>
        <Field
          id={`${id}-noVerifyHosts`}
          label="Do not verify certificates for"
          error={errors.noVerifyHosts}
          hint="One exact host per line (host or host:port; no wildcards). For a test server only: IMS is never included unless you name its host."
        >
          <textarea
            {...field('noVerifyHosts')}
            className="input mono st-textarea"
            rows={3}
            spellCheck={false}
            autoComplete="off"
            placeholder={'dev-tags.internal.example\n10.0.0.5:8443'}
            value={form.noVerifyHosts}
            onChange={(event) => update({ noVerifyHosts: event.target.value })}
          />
        </Field>
        {hosts.length > 0 && (
          <p className="st-notice st-notice-warning st-unverified" role="note">
            <span aria-hidden="true">⚠ </span>
            {hosts.length === 1 ? 'The certificate of 1 host is' : `The certificates of ${countOf(hosts.length, 'host')} are`} not checked: anyone on the network
            path could read or change those requests, tokens included. Every response from {hosts.length === 1 ? 'it' : 'them'} carries a “Certificate not verified” badge.
          </p>
        )}
      </fieldset>
    </>
  )
}
