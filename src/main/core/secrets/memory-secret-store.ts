import type { SecretBackendInfo, SecretStore } from './secret-store'

/** Secrets for this session only: tests, the "keep for this session only" choice, and the last fallback. */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>()

  constructor(private readonly info: Partial<SecretBackendInfo> = {}) {}

  async get(key: string): Promise<string | undefined> {
    return this.values.get(key)
  }

  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value)
  }

  async delete(key: string): Promise<boolean> {
    return this.values.delete(key)
  }

  async keys(): Promise<string[]> {
    return [...this.values.keys()]
  }

  describe(): SecretBackendInfo {
    return { backend: 'memory', persistent: false, label: 'memory, for this session only', ...this.info }
  }

  get size(): number {
    return this.values.size
  }
}
