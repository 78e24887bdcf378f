import { useState, type KeyboardEvent } from 'react'
import { DEFAULT_SCOPES } from './environments'

/** Scopes as removable chips; paste a comma list from Developer Console into the box. */
export function ScopesEditor({ value, onChange }: { value: string[]; onChange: (scopes: string[]) => void }) {
  const [draft, setDraft] = useState('')
  const add = () => {
    const incoming = draft.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean)
    if (incoming.length) onChange([...value, ...incoming.filter((s) => !value.includes(s))])
    setDraft('')
  }
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault()
      add()
    } else if (event.key === 'Backspace' && !draft && value.length) {
      onChange(value.slice(0, -1))
    }
  }
  const isDefault = value.length === DEFAULT_SCOPES.length && DEFAULT_SCOPES.every((s) => value.includes(s))
  return (
    <div className="scopes-editor">
      <ul className="scope-chips" aria-label="Scopes">
        {value.map((scope) => (
          <li key={scope} className="scope-chip">
            <span className="mono">{scope}</span>
            <button type="button" className="scope-remove" aria-label={`Remove scope ${scope}`} onClick={() => onChange(value.filter((s) => s !== scope))}>
              ×
            </button>
          </li>
        ))}
        <li className="scope-input-item">
          <input
            className="scope-input mono"
            aria-label="Add scope"
            placeholder={value.length ? 'add scope…' : 'paste scopes, comma separated'}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={onKey}
            onBlur={add}
          />
        </li>
      </ul>
      {!isDefault && (
        <button type="button" className="btn btn-ghost btn-small" onClick={() => onChange([...DEFAULT_SCOPES])}>
          Reset to Adobe’s Reactor scopes
        </button>
      )}
    </div>
  )
}
