export const sandboxChannels = {
  'sandbox:status': 'getSandboxStatus',
  'sandbox:start': 'startSandbox',
  'sandbox:addFault': 'addSandboxFault',
  'sandbox:removeFault': 'removeSandboxFault',
  'sandbox:clearFaults': 'clearSandboxFaults',
  'sandbox:useScenario': 'useSandboxScenario'
} as const
