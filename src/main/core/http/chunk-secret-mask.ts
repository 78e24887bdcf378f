// Masks the app's known secrets in a response body that leaves main in chunks (a streamed body, issue 12).
//
// It works on bytes, not text: a binary or non-UTF-8 body passes through byte for byte, and a chunk costs no
// decode. Each secret form (SecretRegistry.maskForms: raw, URL-encoded, base64, JSON-escaped) is searched as
// its UTF-8 bytes with Buffer.indexOf. A secret split across two chunks is still found because the last
// `longest form + 1` bytes of every chunk are held back and searched again with the next one (the CLI's
// streamRedacted holds back a fixed 1 MiB of text for the same reason; here the hold-back is the real
// longest form, ~2 KB with an IMS token, so the first bytes of a body are not held up).
import type { SecretRegistry } from '../security/secret-registry'

const MASK = Buffer.from('••••••')
/** Below this many bytes a form is matched only as a whole word, as SecretRegistry does for short secrets. */
const WHOLE_WORD_BELOW = 8

interface ByteForm {
  bytes: Buffer
  kind: string
  wholeWord: boolean
}

function isWordByte(byte: number | undefined): boolean {
  if (byte === undefined) return false
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)
}

export class ChunkSecretMask {
  private carry: Buffer | undefined
  /** The last byte let out: the whole-word check of a match at the start of the next window needs it. */
  private lastByte: number | undefined
  private formsSource: ReadonlyArray<{ form: string; kind: string }> | undefined
  private forms: ByteForm[] = []
  private found: string | undefined

  constructor(private readonly secrets: SecretRegistry) {}

  /** The kind of the first secret masked so far ("client secret"), or undefined. */
  get secretKind(): string | undefined {
    return this.found
  }

  /**
   * The bytes that are safe to send now, or undefined when none are yet: the held-back tail waits for the next
   * chunk or `flush`. The answer starts with `headroom` unused bytes for the caller's frame header, so a chunk
   * costs one allocation (this buffer, which becomes the frame) when nothing is masked.
   */
  push(chunk: Buffer, headroom = 0): Buffer | undefined {
    const forms = this.currentForms()
    const carry = this.carry
    this.carry = undefined
    const length = (carry?.length ?? 0) + chunk.length
    if (length === 0) return undefined
    // Its own ArrayBuffer (not the shared pool), so a port can transfer it whole.
    const out = Buffer.allocUnsafeSlow(headroom + length)
    if (carry) carry.copy(out, headroom)
    chunk.copy(out, headroom + (carry?.length ?? 0))
    if (forms.length === 0) return out
    const window = out.subarray(headroom)
    const hold = forms[0]!.bytes.length + 1
    const { masked, safeEnd } = this.mask(window, forms, Math.max(0, window.length - hold))
    // The held-back tail stays a view: it is copied into the next chunk's buffer.
    this.carry = masked.subarray(safeEnd)
    if (safeEnd === 0) return undefined
    this.lastByte = masked[safeEnd - 1]
    if (masked === window) return out.subarray(0, headroom + safeEnd)
    return withHeadroom(masked.subarray(0, safeEnd), headroom)
  }

  /** The held-back tail at the end of the body, masked (after `headroom` unused bytes), or undefined. */
  flush(headroom = 0): Buffer | undefined {
    const rest = this.carry
    this.carry = undefined
    if (!rest || rest.length === 0) return undefined
    const forms = this.currentForms()
    return withHeadroom(forms.length === 0 ? rest : this.mask(rest, forms, rest.length).masked, headroom)
  }

  private currentForms(): ByteForm[] {
    const source = this.secrets.maskForms()
    if (source !== this.formsSource) {
      this.formsSource = source
      this.forms = source.map(({ form, kind }) => {
        const bytes = Buffer.from(form)
        return { bytes, kind, wholeWord: form.length < WHOLE_WORD_BELOW }
      })
    }
    return this.forms
  }

  /**
   * `window` with every match that starts before `cut` masked, and how much of the result may be sent: up to
   * `cut`, moved past a match that straddles it. Matches starting at `cut` or later wait for the next window,
   * where the byte after them is known (a match starting before `cut` ends at least one byte before the end).
   */
  private mask(window: Buffer, forms: readonly ByteForm[], cut: number): { masked: Buffer; safeEnd: number } {
    let ranges: Array<[number, number]> | undefined
    const flushing = cut === window.length
    for (const form of forms) {
      let at = window.indexOf(form.bytes)
      while (at >= 0 && (at < cut || flushing)) {
        const end = at + form.bytes.length
        const before = at === 0 ? this.lastByte : window[at - 1]
        const wordOk = !form.wholeWord || (!isWordByte(before) && !isWordByte(window[end]))
        // Longest forms first: a shorter form inside an already masked longer one is left alone.
        if (wordOk && !ranges?.some(([from, to]) => at < to && end > from)) {
          ;(ranges ??= []).push([at, end])
          this.found ??= form.kind
        }
        at = window.indexOf(form.bytes, at + 1)
      }
    }
    if (!ranges) return { masked: window, safeEnd: cut }
    ranges.sort((a, b) => a[0] - b[0])
    const pieces: Buffer[] = []
    let from = 0
    let safeEnd = cut
    let shift = 0
    for (const [start, end] of ranges) {
      pieces.push(window.subarray(from, start), MASK)
      // Where `cut` lands in the masked output: moved past a straddling match, shifted by earlier masks.
      if (start < cut && end > cut) safeEnd = end
      if (end <= safeEnd) shift += MASK.length - (end - start)
      from = end
    }
    pieces.push(window.subarray(from))
    return { masked: Buffer.concat(pieces), safeEnd: safeEnd + shift }
  }
}

function withHeadroom(bytes: Buffer, headroom: number): Buffer {
  const out = Buffer.allocUnsafeSlow(headroom + bytes.length)
  bytes.copy(out, headroom)
  return out
}
