import { describe, expect, it } from 'vitest'
import { requestSpec } from '../../../src/shared/requests/request-spec'
import { describeUnresolved, referencedVariables, resolveSpec } from '../../../src/shared/requests/variables'

const v = (name: string, value: string, extra: object = {}) => ({ name, value, enabled: true, ...extra })

describe('the {{variable}} resolver', () => {
  const spec = requestSpec({
    method: 'POST',
    url: '{{base}}/properties/{{propertyId}}/rules',
    params: [{ name: 'filter[name]', value: 'EQ {{ruleName}}', enabled: true }, { name: 'off', value: '{{ignored}}', enabled: false }],
    headers: [{ name: 'X-Trace', value: '{{trace}}', enabled: true }],
    body: { type: 'json', text: '{"data":{"attributes":{"name":"{{ruleName}}"}}}' },
    variables: [v('scope', 'request'), v('propertyId', 'PR-request')]
  })

  it('resolves every text field; later scopes override earlier ones (request < folder < collection < environment < runtime)', () => {
    const scopes = {
      folder: [v('scope', 'folder'), v('base', '')],
      collection: [v('scope', 'collection'), v('ruleName', 'from collection')],
      environment: [v('scope', 'environment'), v('propertyId', 'PR-env'), v('trace', 't-1')],
      runtime: [v('scope', 'runtime'), v('ruleName', 'Run time rule')]
    }
    const { spec: out, unresolved, sources } = resolveSpec(spec, scopes)
    expect(unresolved).toEqual([])
    expect(out.url).toBe('/properties/PR-env/rules')
    expect(out.params[0]!.value).toBe('EQ Run time rule')
    expect(out.params[1]!.value).toBe('{{ignored}}') // disabled rows are not resolved (and not sent)
    expect(out.headers[0]!.value).toBe('t-1')
    expect(out.body).toEqual({ type: 'json', text: '{"data":{"attributes":{"name":"Run time rule"}}}' })
    expect(sources).toMatchObject({ propertyId: 'environment', ruleName: 'runtime', trace: 'environment', base: 'folder' })
    expect(resolveSpec(requestSpec({ method: 'GET', url: '/{{scope}}', variables: [v('scope', 'request')] }), scopes).spec.url).toBe('/runtime')
    expect(resolveSpec(requestSpec({ method: 'GET', url: '/{{scope}}', variables: [v('scope', 'request')] })).spec.url).toBe('/request')
  })

  it('names each unresolved variable and every place it is used', () => {
    const { unresolved } = resolveSpec(spec)
    expect(unresolved).toEqual([
      { name: 'base', usedIn: ['URL'], secret: false },
      { name: 'ruleName', usedIn: ['param filter[name]', 'body'], secret: false },
      { name: 'trace', usedIn: ['header X-Trace'], secret: false }
    ])
    expect(describeUnresolved(unresolved)).toBe(
      'These variables have no value: {{base}} in URL; {{ruleName}} in param filter[name], body; {{trace}} in header X-Trace.'
    )
  })

  it('secret variables resolve only where their value is given (main), and are reported as secret elsewhere', () => {
    const withSecret = requestSpec({ method: 'GET', url: '/x', headers: [{ name: 'Authorization', value: 'Bearer {{apiToken}}', enabled: true }] })
    const environment = [{ name: 'apiToken', secret: true, enabled: true }]
    const inRenderer = resolveSpec(withSecret, { environment })
    expect(inRenderer.unresolved).toEqual([{ name: 'apiToken', usedIn: ['header Authorization'], secret: true }])
    expect(inRenderer.spec.headers[0]!.value).toBe('Bearer {{apiToken}}')
    const inMain = resolveSpec(withSecret, { environment }, (name) => (name === 'apiToken' ? 's3cr3t-value' : undefined))
    expect(inMain.unresolved).toEqual([])
    expect(inMain.spec.headers[0]!.value).toBe('Bearer s3cr3t-value')
    expect(inMain.secretNames).toEqual(['apiToken'])
  })

  it('disabled variables do not count; whitespace inside the braces is allowed', () => {
    const out = resolveSpec(requestSpec({ method: 'GET', url: '/{{ a }}/{{b}}', variables: [v('a', '1'), { name: 'b', value: '2', enabled: false }] }))
    expect(out.spec.url).toBe('/1/{{b}}')
    expect(out.unresolved.map((u) => u.name)).toEqual(['b'])
    expect(referencedVariables('{{x}} and {{ y.z }}')).toEqual(['x', 'y.z'])
  })

  it('resolves form fields, multipart parts, file paths and typed auth headers', () => {
    const vars = [v('id', '42'), v('dir', '/tmp'), v('tok', 'abc')]
    const form = resolveSpec(requestSpec({ method: 'POST', url: '/x', body: { type: 'form-urlencoded', fields: [{ name: 'id', value: '{{id}}' }] }, variables: vars }))
    expect(form.spec.body).toMatchObject({ fields: [{ name: 'id', value: '42' }] })
    const multi = resolveSpec(
      requestSpec({ method: 'POST', url: '/x', body: { type: 'multipart', parts: [{ kind: 'text', name: 'a', value: '{{id}}' }, { kind: 'file', name: 'f', path: '{{dir}}/p.zip' }] }, variables: vars })
    )
    expect(multi.spec.body).toMatchObject({ parts: [{ value: '42' }, { path: '/tmp/p.zip' }] })
    const auth = resolveSpec(requestSpec({ method: 'GET', url: '/x', auth: { type: 'headers', headers: [{ name: 'Authorization', value: 'Bearer {{tok}}' }] }, variables: vars }))
    expect(auth.spec.auth).toMatchObject({ headers: [{ value: 'Bearer abc' }] })
  })
})
