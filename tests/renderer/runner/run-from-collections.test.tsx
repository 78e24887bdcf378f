// "Run…" on a collection or a folder in the Collections tree sets up a run of it in the Runner.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { CollectionsArea } from '../../../src/renderer/src/features/collections/CollectionsArea'
import { resetCollectionsStore } from '../../../src/renderer/src/features/collections/collections-store'
import { ActiveProfileProvider } from '../../../src/renderer/src/state/active-profile'
import { registerRunViewOpener, type RunTargetRequest } from '../../../src/renderer/src/state/workbench-commands'
import { installRunnerApi, ROOT } from './fixtures'

function treeRow(name: string): HTMLElement {
  const row = screen.getAllByRole('treeitem').find((candidate) => candidate.querySelector('.col-name')?.textContent === name)
  if (!row) throw new Error(`no row ${name}`)
  return row
}

afterEach(() => resetCollectionsStore())

describe('Run… in the Collections tree', () => {
  it('opens the Runner set up for the folder, or for the whole collection', async () => {
    installRunnerApi()
    const asked: RunTargetRequest[] = []
    const unregister = registerRunViewOpener((target) => asked.push(target))
    try {
      render(
        <ActiveProfileProvider>
          <CollectionsArea />
        </ActiveProfileProvider>
      )
      await waitFor(() => expect(screen.getAllByRole('treeitem').length).toBeGreaterThan(2))
      fireEvent.keyDown(treeRow('Publish'), { key: 'F10', shiftKey: true })
      fireEvent.click(within(screen.getByRole('menu', { name: 'Actions for Publish' })).getByRole('menuitem', { name: 'Run folder…' }))
      fireEvent.keyDown(treeRow('Reactor checks'), { key: 'F10', shiftKey: true })
      fireEvent.click(within(screen.getByRole('menu', { name: 'Actions for Reactor checks' })).getByRole('menuitem', { name: 'Run collection…' }))
      expect(asked).toEqual([{ root: ROOT, folderPath: 'publish' }, { root: ROOT }])
    } finally {
      unregister()
    }
  })
})
