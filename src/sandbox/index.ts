// The Reactor Sandbox's one entry point: a simulated Adobe IMS + Reactor API on a loopback port, used by the
// app (the built-in Sandbox profile and area), the CLI (`reactor-explorer sandbox`, `--env sandbox`), the
// tests and the benchmarks. Plain Node; it imports nothing from the app but src/shared.
export { startSandbox, SANDBOX_CREDENTIALS, REACTOR_SCOPES } from './start-sandbox'
export type { SandboxOptions, RunningSandbox, SandboxCredential, ScenarioName, FaultController, FaultKind, FaultSpec, SandboxScale } from './start-sandbox'
export { SandboxHost } from './sandbox-host'
