import { ComingSoon } from '../../app/Placeholder'

export function SandboxArea() {
  return (
    <ComingSoon title="Sandbox">
      <p>A simulated Adobe IMS and Reactor API that runs on this computer, so you can explore with no credential. Every value it shows is simulated.</p>
    </ComingSoon>
  )
}
