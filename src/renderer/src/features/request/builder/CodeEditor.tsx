import { useMemo, useRef } from 'react'
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
}

/** CodeMirror 6 JSON editor; Ctrl/Cmd+Enter sends (CodeMirror would otherwise insert a blank line). */
export default function CodeEditor({ value, onChange, onSubmit, dark }: Props) {
  const submit = useRef(onSubmit)
  submit.current = onSubmit
  const extensions = useMemo(
    () => [
      json(),
      EditorView.lineWrapping,
      Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => (submit.current(), true) }]))
    ],
    []
  )
  return (
    <CodeMirror
      className="rq-codemirror"
      value={value}
      onChange={onChange}
      extensions={extensions}
      theme={dark ? oneDark : 'light'}
      height="100%"
      aria-label="Request body"
      basicSetup={{ foldGutter: true, highlightActiveLine: true, autocompletion: false }}
    />
  )
}
