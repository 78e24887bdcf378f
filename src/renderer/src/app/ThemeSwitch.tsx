import { useState } from 'react'
import type { ThemeChoice } from '@shared/ipc/settings.contract'
import { Tooltip } from '../ui/Tooltip'
import { Icon, type IconName } from './Icon'
import { chooseTheme, useThemeChoice, useThemeFromSettings } from './theme'

const OPTIONS: Array<{ value: ThemeChoice; label: string; icon: IconName }> = [
  { value: 'system', label: 'System', icon: 'monitor' },
  { value: 'light', label: 'Light', icon: 'sun' },
  { value: 'dark', label: 'Dark', icon: 'moon' }
]

/**
 * Light, dark or the OS's choice, in the status bar: three icon radio buttons (arrow keys move between them,
 * as in any radio group), each named for screen readers and in its tooltip.
 */
export function ThemeSwitch() {
  useThemeFromSettings()
  const current = useThemeChoice()
  const [error, setError] = useState<string | undefined>()
  const choose = (value: ThemeChoice) => {
    setError(undefined)
    chooseTheme(value).catch((failure: Error) => setError(`The theme shows now but was not saved: ${failure.message}`))
  }
  const move = (from: ThemeChoice, step: number) => {
    const at = OPTIONS.findIndex((option) => option.value === from)
    const next = OPTIONS[(at + step + OPTIONS.length) % OPTIONS.length]!
    choose(next.value)
    document.getElementById(`theme-option-${next.value}`)?.focus()
  }
  return (
    <span className="theme-switch" role="radiogroup" aria-label="Theme" title={error}>
      {OPTIONS.map((option) => (
        <Tooltip key={option.value} content={option.value === 'system' ? 'Follow the system’s light or dark setting' : `${option.label} theme`}>
          <button
            id={`theme-option-${option.value}`}
            type="button"
            role="radio"
            aria-checked={current === option.value}
            aria-label={`${option.label} theme`}
            tabIndex={current === option.value ? 0 : -1}
            className="theme-option"
            onClick={() => choose(option.value)}
            onKeyDown={(event) => {
              if (event.key === 'ArrowRight' || event.key === 'ArrowDown') {
                event.preventDefault()
                move(option.value, 1)
              } else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') {
                event.preventDefault()
                move(option.value, -1)
              }
            }}
          >
            <Icon name={option.icon} size={14} />
          </button>
        </Tooltip>
      ))}
      {error && <span className="status-error" role="alert">Theme not saved</span>}
    </span>
  )
}
