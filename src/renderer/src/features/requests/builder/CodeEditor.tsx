import { useEffect, useMemo, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import CodeMirror from '@uiw/react-codemirror'
import { json } from '@codemirror/lang-json'
import { Prec } from '@codemirror/state'
import { EditorView, keymap } from '@codemirror/view'
import { oneDark } from '@codemirror/theme-one-dark'

interface Props {
  value: string
  onChange(value: string): void
  onSubmit(): void
  dark: boolean
  problemOffset?: number
  /** JSON gets highlighting and folding; text is edited plain. */
  language?: 'json' | 'text'
}

// Inside the app's CSP (style-src 'self') CodeMirror may not add <style> tags to the document; in a shadow
// root it uses constructable (adopted) stylesheets instead, which CSP allows. So the editor lives in one.
const baseTheme = EditorView.theme({
  '&': { height: '100%', fontSize: '12.5px', backgroundColor: 'var(--bg-elevated)' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)' },
  '.cm-gutters': { backgroundColor: 'var(--bg-sunken)', borderRight: '1px solid var(--border)', color: 'var(--fg-muted)' }
})

/** CodeMirror 6 JSON editor; Ctrl/Cmd+Enter sends (CodeMirror would otherwise insert a blank line). */
export default function CodeEditor({ value, onChange, onSubmit, dark, language = 'json' }: Props) {
  const host = useRef<HTMLDivElement>(null)
  const [shadow, setShadow] = useState<ShadowRoot | undefined>()
  useEffect(() => {
    const element = host.current
    if (element) setShadow(element.shadowRoot ?? element.attachShadow({ mode: 'open' }))
  }, [])
  const submit = useRef(onSubmit)
  submit.current = onSubmit
  const extensions = useMemo(
    () => [
      ...(language === 'json' ? [json()] : []),
      baseTheme,
      EditorView.lineWrapping,
      // The editable element itself (role textbox) needs the name; an aria-label on the wrapper does not reach it.
      EditorView.contentAttributes.of({ 'aria-label': 'Request body' }),
      Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => (submit.current(), true) }]))
    ],
    [language]
  )
  return (
    <div ref={host} className="rq-codemirror" data-testid="body-editor">
      {shadow &&
        createPortal(
          <CodeMirror
            root={shadow}
            value={value}
            onChange={onChange}
            extensions={extensions}
            theme={dark ? oneDark : 'light'}
            height="100%"
            style={{ height: '100%' }}
            aria-label="Request body"
            basicSetup={{ foldGutter: true, highlightActiveLine: true, autocompletion: false }}
          />,
          shadow
        )}
    </div>
  )
}
