// cURL commands written for Windows `cmd.exe` (Chrome and Edge DevTools' "Copy as cURL (cmd)", Adobe forum
// posts): lines continue with `^`, every `"` is written `^"`, and `^` escapes the next character. curlconverter
// reads Bash only and rejects these (verified: "Bash parsing error"), so they are split into argv here — the
// two layers Windows applies, cmd.exe's caret escapes and then the C runtime's argument quoting — and the argv
// goes to the same curl option parser as a Bash command.

export interface SourcePosition {
  /** 1-based. */
  line: number
  /** 1-based. */
  column: number
}

export class CommandLineError extends Error {
  constructor(
    message: string,
    readonly position: SourcePosition
  ) {
    super(message)
    this.name = 'CommandLineError'
  }
}

/** The 1-based line and column of `offset` in `text`. */
export function positionOf(text: string, offset: number): SourcePosition {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}

/**
 * True for a command written for cmd.exe: a line ending in the `^` continuation, or `^"` quoting. A Bash
 * command has neither (in Bash `^` is an ordinary character and a line continues with `\`).
 */
export function looksLikeWindowsCommand(text: string): boolean {
  return /\^[ \t]*\r?\n/.test(text) || /\^"/.test(text)
}

interface CmdChar {
  char: string
  /** Where the character was in the input (for error positions). */
  offset: number
}

/**
 * cmd.exe's pass: `^x` is a literal x (and `^` + newline joins the lines); inside a "quoted" run cmd leaves
 * carets alone. The quotes themselves stay: the program's runtime reads them next.
 */
function cmdPass(text: string): CmdChar[] {
  const out: CmdChar[] = []
  let quoted = false
  let quoteOffset = -1
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (char === '\n' && quoted) {
      // cmd.exe ends a command at the end of a line even inside quotes: the quote was never closed.
      throw new CommandLineError('a quote (") is opened here and not closed on its line', positionOf(text, quoteOffset))
    }
    if (char === '"') {
      quoted = !quoted
      quoteOffset = i
      out.push({ char, offset: i })
    } else if (char === '^' && !quoted) {
      let next = i + 1
      if (text[next] === '\r') next++
      if (text[next] === '\n') {
        // A continuation. Chrome writes `^` + two newlines for a newline inside a value: the second one is the
        // escaped character and stays part of the argument.
        i = next
        continue
      }
      if (next < text.length) {
        out.push({ char: text[next]!, offset: next })
        i = next
      }
    } else if (char === '\r') {
      continue
    } else {
      out.push({ char, offset: i })
    }
  }
  return out
}

/**
 * The C runtime's pass (CommandLineToArgvW rules): whitespace separates arguments outside quotes; `"` toggles
 * quoting; 2n backslashes before a quote are n backslashes and the quote toggles, 2n+1 are n and a literal
 * quote; `""` inside quotes is a literal quote; other backslashes are literal.
 */
function runtimePass(chars: CmdChar[], source: string): string[] {
  const args: string[] = []
  let current = ''
  let inArg = false
  let quoted = false
  let quoteOffset = -1
  for (let i = 0; i < chars.length; i++) {
    const { char, offset } = chars[i]!
    if (!quoted && (char === ' ' || char === '\t' || char === '\n')) {
      if (inArg) args.push(current)
      current = ''
      inArg = false
      continue
    }
    inArg = true
    if (char === '\\') {
      let run = 0
      while (chars[i + run]?.char === '\\') run++
      if (chars[i + run]?.char === '"') {
        current += '\\'.repeat(Math.floor(run / 2))
        i += run
        if (run % 2 === 1) {
          current += '"'
        } else {
          quoted = !quoted
          quoteOffset = chars[i]!.offset
        }
      } else {
        current += '\\'.repeat(run)
        i += run - 1
      }
      continue
    }
    if (char === '"') {
      if (quoted && chars[i + 1]?.char === '"') {
        current += '"'
        i++
        continue
      }
      quoted = !quoted
      quoteOffset = offset
      continue
    }
    current += char
  }
  if (quoted) throw new CommandLineError('a quote (") is opened here and never closed', positionOf(source, quoteOffset))
  if (inArg) args.push(current)
  return args
}

/** A cmd.exe command line as the argv its program receives. */
export function splitWindowsCommandLine(text: string): string[] {
  return runtimePass(cmdPass(text), text)
}
