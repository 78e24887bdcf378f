// Whatever is pasted, curlToSpec answers with a request or a CurlParseError — never another exception, and
// never an error that repeats a token from the input.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CurlParseError, curlToSpec } from '../../../src/main/core/interchange/curl'
import { splitWindowsCommandLine } from '../../../src/main/core/interchange/windows-command-line'

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJ0eXBlIjoiYWNjZXNzX3Rva2VuIn0.c2lnbmF0dXJlLW9mLWEtdGVzdA'

async function outcome(text: string): Promise<'ok' | CurlParseError> {
  try {
    await curlToSpec(text)
    return 'ok'
  } catch (error) {
    if (error instanceof CurlParseError) return error
    throw error
  }
}

describe('curlToSpec on hostile input', () => {
  it('never throws anything but CurlParseError, and no error carries the token', async () => {
    const pieces = fc.constantFrom('curl', ' ', '\\\n', '^\n', "'", '"', "$'", '-H', '-d', '-X', 'POST', '-F', 'a=@b', `Authorization: Bearer ${TOKEN}`, 'https://reactor.adobe.io/x', '{', '}', '|', ';', '&&', '$(x)', '$T', '#', '\t', '--url-query', '-G', '@f', '^"')
    await fc.assert(
      fc.asyncProperty(fc.array(pieces, { maxLength: 16 }), async (parts) => {
        const result = await outcome(parts.join(''))
        if (result !== 'ok') {
          expect(result.message).not.toContain(TOKEN)
          expect(result.message).not.toContain('eyJ')
        }
      }),
      { numRuns: 300 }
    )
  })

  it('reports an unterminated double quote where it opens, without quoting the header', async () => {
    const error = await outcome(`curl https://reactor.adobe.io/companies \\\n  -H "Authorization: Bearer ${TOKEN}`)
    expect(error).toBeInstanceOf(CurlParseError)
    expect((error as CurlParseError).message).toBe('Line 2, column 6: a double quote (") is opened here and never closed.')
  })

  it('refuses an empty paste and a command that is not curl with a sentence', async () => {
    expect(((await outcome('   \n ')) as CurlParseError).message).toBe('There is no command: paste a line that starts with curl.')
    expect(((await outcome('http GET https://x.example')) as CurlParseError).message).toBe('Line 1, column 1: a cURL command starts with curl.')
  })
})

describe('splitWindowsCommandLine', () => {
  it("reads Chrome's cmd quoting: ^\" quotes, ^ escapes, ^ line continuations", () => {
    expect(splitWindowsCommandLine('curl ^"https://x.example/a?b^%^5B^%^5D=1^" ^\n  -H ^"a: b^&c^" ^\n  --data-raw ^"^{^\\^"k^\\^":1^}^"')).toEqual([
      'curl',
      'https://x.example/a?b%5B%5D=1',
      '-H',
      'a: b&c',
      '--data-raw',
      '{"k":1}'
    ])
  })

  it('applies the C runtime rules for backslashes before quotes', () => {
    expect(splitWindowsCommandLine('curl "a\\\\" "b\\"c" d\\e "f""g"')).toEqual(['curl', 'a\\', 'b"c', 'd\\e', 'f"g'])
  })
})
