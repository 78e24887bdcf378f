// One labelled setting with its hint or its error under it (the error replaces the hint and is what
// aria-describedby points at), shared by the dialog's sections.
import type { ReactNode } from 'react'
import type { FormErrors, FormField } from './settings-form'

export function Field(props: { id: string; label: string; hint?: ReactNode; error?: string; children: ReactNode; suffix?: string }) {
  return (
    <div className={`field st-field${props.error ? ' st-field-invalid' : ''}`}>
      <label htmlFor={props.id} className="st-label">{props.label}</label>
      <div className="st-control">
        {props.children}
        {props.suffix && <span className="st-suffix" aria-hidden="true">{props.suffix}</span>}
      </div>
      {props.error ? (
        <p className="inline-error" id={`${props.id}-error`}>{props.error}</p>
      ) : props.hint ? (
        <p className="st-hint" id={`${props.id}-hint`}>{props.hint}</p>
      ) : null}
    </div>
  )
}

/** The props every validated input of the form takes: its id, invalid state, description and blur check. */
export type FieldProps = (name: FormField) => {
  id: string
  'aria-invalid': boolean | undefined
  'aria-describedby': string
  onBlur(): void
}

export interface SectionProps<Form> {
  /** The dialog's id prefix: a field's id is `${id}-${name}`. */
  id: string
  form: Form
  errors: FormErrors
  update(patch: Partial<Form>): void
  field: FieldProps
}
