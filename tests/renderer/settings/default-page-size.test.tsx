import { afterEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { RequestWorkbench } from '../../../src/renderer/src/features/requests/RequestArea'
import { catalogItems } from '../../../src/renderer/src/features/palette/palette-sources'
import { currentDefaultPageSize, resetDefaultPageSizeForTests } from '../../../src/renderer/src/features/settings/default-page-size'
import type { SettingsState, WindowApi } from '../../../src/shared/contract'
import type { SendRequestInput } from '../../../src/shared/ipc/requests.contract'
import { DEFAULT_NETWORK_SETTINGS } from '../../../src/shared/ipc/settings.contract'
import type { CatalogGroup, CatalogOperation } from '../../../src/shared/catalog/catalog'
import type { RequestSpec } from '../../../src/shared/requests/request-spec'
import { installFakeApi } from '../../support/fake-api'
import { CATALOG, PROFILE, response } from '../requests/fixtures'

const PAGE_SIZE = { name: 'page[size]', description: 'Items per page', required: false, type: 'integer' }
const LIST_COMPANIES: CatalogOperation = { ...CATALOG[0]!.operations[0]!, queryParams: [PAGE_SIZE], paginated: true }
const WITH_PAGE_SIZE: CatalogGroup[] = [{ ...CATALOG[0]!, operations: [LIST_COMPANIES] }, CATALOG[1]!]

function setUp(defaultPageSize: number | undefined) {
  const state: SettingsState = { network: DEFAULT_NETWORK_SETTINGS, notices: [], environment: {}, ...(defaultPageSize ? { defaultPageSize } : {}) }
  const sendRequest = vi.fn(async (_input: SendRequestInput) => ({ ok: true as const, value: response({ data: [] }) }))
  installFakeApi({ getSettings: async () => ({ ok: true, value: state }), sendRequest: sendRequest as unknown as WindowApi['sendRequest'] })
  return { sendRequest }
}

async function openAndSendListCompanies(sendRequest: ReturnType<typeof setUp>['sendRequest'], url: string): Promise<RequestSpec> {
  render(<RequestWorkbench profile={PROFILE} catalog={WITH_PAGE_SIZE} />)
  fireEvent.click(await screen.findByRole('button', { name: /List companies/ }))
  await waitFor(() => expect((screen.getByLabelText('URL') as HTMLInputElement).value).toBe(url))
  fireEvent.click(screen.getByRole('button', { name: 'Send' }))
  await waitFor(() => expect(sendRequest).toHaveBeenCalled())
  return sendRequest.mock.calls.at(-1)![0].spec as RequestSpec
}

afterEach(() => resetDefaultPageSizeForTests())

describe('default page size (Settings → General) for catalog list operations', () => {
  it('a list operation opened from the catalog asks for the chosen size', async () => {
    const { sendRequest } = setUp(50)
    // The setting is read once for the renderer; the first open after its answer uses it.
    await waitFor(() => expect(currentDefaultPageSize()).toBe(50))
    const spec = await openAndSendListCompanies(sendRequest, '/companies?page[size]=50')
    expect(spec.params).toEqual([expect.objectContaining({ name: 'page[size]', value: '50', enabled: true })])
  })

  it('Reactor’s own default (25) adds no parameter, and an operation without page[size] gets none', async () => {
    const { sendRequest } = setUp(undefined)
    const spec = await openAndSendListCompanies(sendRequest, '/companies')
    expect(spec.params).toEqual([])
  })

  it('the palette’s catalog entries use it too', async () => {
    setUp(80)
    await waitFor(() => expect(currentDefaultPageSize()).toBe(80))
    const item = catalogItems().find((entry) => entry.id === 'operation:listCompanies')!
    item.run()
    // The open is handed to the Request area when it mounts.
    render(<RequestWorkbench profile={PROFILE} catalog={WITH_PAGE_SIZE} />)
    await waitFor(() => expect((screen.getByLabelText('URL') as HTMLInputElement).value).toBe('/companies?page[size]=80'))
  })
})
