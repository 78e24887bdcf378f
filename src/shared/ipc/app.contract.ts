import { channel, NoInput } from './define'

export interface AppInfo {
  name: string
  version: string
  platform: string
  transport: 'electron' | 'loopback'
}

export interface Notice {
  level: 'info' | 'warning' | 'error'
  message: string
}

export const appContract = {
  'app:info': channel<AppInfo>()(NoInput)
}

export interface AppEventPayloads {
  'app:notice': Notice
}
