import { ComingSoon } from '../../app/Placeholder'

export function HistoryArea() {
  return (
    <ComingSoon title="History">
      <p>Every request you send, with its timing and Adobe request id, stored with secrets redacted so it is safe to share.</p>
    </ComingSoon>
  )
}
