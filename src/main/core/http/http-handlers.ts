import type { Handlers } from '../rpc/dispatcher'
import { AppError } from '../rpc/app-error'

type HttpHandlers = Pick<Handlers, 'http:send' | 'http:cancel' | 'http:fetchAllPages' | 'http:saveBody'>

// Placeholder until the executor lands (issue 5): every call says so plainly.
export function createHttpHandlers(): HttpHandlers {
  const notYet = () => {
    throw new AppError('not-implemented', 'Sending requests is not available in this build yet.')
  }
  return { 'http:send': notYet, 'http:cancel': notYet, 'http:fetchAllPages': notYet, 'http:saveBody': notYet }
}
