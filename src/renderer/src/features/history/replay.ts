// Replaying an imported call with the person's own profile and comparing the two answers. The send goes
// through the same pipeline as any tab (requests:send), so it is recorded in the history like one.
import type { HttpResponse } from '@shared/ipc/requests.contract'
import type { ResponseDiff, ResponseSnapshot } from '@shared/ipc/history.contract'
import type { RequestSpec } from '@shared/requests/request-spec'
import { api, unwrap } from '../../api/client'
import { newRequestId } from '../requests/model/request-draft'

export function snapshotOf(response: HttpResponse): ResponseSnapshot {
  const body = response.body.kind === 'inline' ? response.body.text : response.body.kind === 'file' ? response.body.preview : ''
  return { status: response.status, statusText: response.statusText, headers: response.headers, body }
}

export async function replay(spec: RequestSpec, profileId: string | undefined): Promise<HttpResponse> {
  return unwrap(api().sendRequest({ requestId: newRequestId(), spec, ...(profileId ? { profileId } : {}) }))
}

export async function compare(left: ResponseSnapshot, right: ResponseSnapshot): Promise<ResponseDiff> {
  return unwrap(
    api().diffResponses({
      left: { status: left.status, ...(left.statusText !== undefined ? { statusText: left.statusText } : {}), headers: left.headers.map(([name, value]) => [name, value] as [string, string]), ...(left.body !== undefined ? { body: left.body } : {}) },
      right: { status: right.status, ...(right.statusText !== undefined ? { statusText: right.statusText } : {}), headers: right.headers.map(([name, value]) => [name, value] as [string, string]), ...(right.body !== undefined ? { body: right.body } : {}) }
    })
  )
}
