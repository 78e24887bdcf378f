// Command dispatcher for `npx reactor-explorer <command>`. Each command lives in its own module and
// returns the process exit code; nothing here may import electron.
type Command = (args: string[]) => Promise<number>

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  sandbox: {
    summary: 'serve the local IMS + Reactor simulator (--port N --seed N --scale small|large)',
    load: async () => (await import('./sandbox-command')).runSandboxCommand
  },
  check: {
    summary: 'Credential Doctor: --profile NAME, or --client-id/--org-id with --env or --ims-host/--reactor-host',
    load: async () => (await import('./check-command')).runCheckCommand
  },
  send: {
    summary: "one request through the app's send pipeline: send METHOD URL [--profile NAME | --env sandbox] (--help)",
    load: async () => (await import('./send-command')).runSendCommand
  },
  run: {
    summary: 'run a collection (folder or Postman file) with its assertions and captures: run <collection> [--env sandbox | --profile NAME] [--reporter cli,json,junit,html] (--help)',
    load: async () => (await import('./run-command')).runRunCommand
  },
  import: {
    summary: 'a Postman, Insomnia, Bruno or OpenCollection collection into a new collection folder: import <file-or-folder> --into <folder> [--json]',
    load: async () => (await import('./import-command')).runImportCommand
  },
  export: {
    summary: 'a collection folder as one file: export <collection-folder> --to postman|opencollection [--out file]',
    load: async () => (await import('./export-command')).runExportCommand
  },
  convert: {
    summary: 'a cURL command, HAR file or Postman collection into curl|har|postman|opencollection: convert <input|-> --to KIND [--from curl|har|postman]',
    load: async () => (await import('./convert-command')).runConvertCommand
  },
  browser: {
    summary: 'run the app in a normal browser against the real core (--port N --data-dir DIR)',
    load: async () => (await import('./browser-command')).runBrowserCommand
  }
}

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  return ['usage: reactor-explorer <command> [options]', '', 'commands:', ...lines].join('\n')
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage())
    return name ? 0 : 2
  }
  const command = commands[name]
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${usage()}`)
    return 2
  }
  return (await command.load())(rest)
}

/** The process around `main`: quiet on a closed pipe (`| head`), the exit code set for Node to exit with. */
export async function runAsProgram(argv: string[]): Promise<void> {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0)
      throw error
    })
  }
  process.exitCode = await main(argv)
}
