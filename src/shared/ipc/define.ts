import { z } from 'zod'

/** Declares a channel: its zod input schema (checked by main at runtime) and its output type. */
export function channel<Output>() {
  return <Input extends z.ZodType>(input: Input) => ({ input, output: undefined as unknown as Output })
}

export const NoInput = z.undefined()
