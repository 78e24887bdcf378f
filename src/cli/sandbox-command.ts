export async function runSandboxCommand(_args: string[]): Promise<number> {
  console.error('sandbox: not built yet')
  return 1
}
