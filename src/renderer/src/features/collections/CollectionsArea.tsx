import { ComingSoon } from '../../app/Placeholder'

export function CollectionsArea() {
  return (
    <ComingSoon title="Collections">
      <p>Keep folders of saved Reactor requests with variables, in files that work well with git, and exchange them as Postman v2.1, cURL or HAR.</p>
    </ComingSoon>
  )
}
