import { ComingSoon } from '../../app/Placeholder'

export function RequestArea() {
  return (
    <ComingSoon title="Request">
      <p>Pick any Reactor API operation from the catalog, fill its path from your own companies and properties, and send it with the right headers added for you. Responses understand JSON:API: links, pagination and error cards.</p>
    </ComingSoon>
  )
}
