import { describe, expect, it } from 'vitest'
import { useState } from 'react'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { Tab, TabList, TabPanels, Tabs } from '../../../src/renderer/src/ui/Tabs'

const PARTS = ['body', 'headers', 'sent'] as const
type Part = (typeof PARTS)[number]

function Harness({ activation }: { activation: 'automatic' | 'manual' }) {
  const [part, setPart] = useState<Part>('body')
  return (
    <Tabs<Part> selected={part} onSelect={setPart} activation={activation}>
      <TabList aria-label="Parts">
        <Tab id="body">Body</Tab>
        <Tab id="headers">Headers</Tab>
        <Tab id="sent" disabled>Sent</Tab>
      </TabList>
      <TabPanels ids={PARTS} selected={part}>
        <p>Showing {part}</p>
      </TabPanels>
    </Tabs>
  )
}

const selectedTab = () => screen.getAllByRole('tab').find((tab) => tab.getAttribute('aria-selected') === 'true')?.textContent

describe('ui/Tabs (Radix): the tabs pattern', () => {
  it('automatic: an arrow moves and shows, skipping a disabled tab and wrapping; every tab controls a real panel', async () => {
    render(<Harness activation="automatic" />)
    const [body, headers] = screen.getAllByRole('tab') as [HTMLElement, HTMLElement]
    for (const tab of screen.getAllByRole('tab')) expect(document.getElementById(tab.getAttribute('aria-controls')!)?.getAttribute('role')).toBe('tabpanel')
    const panel = screen.getByRole('tabpanel')
    expect(panel.getAttribute('aria-labelledby')).toBe(body.id)
    body.focus()
    fireEvent.keyDown(body, { key: 'ArrowRight' })
    await waitFor(() => expect(document.activeElement).toBe(headers))
    await waitFor(() => expect(selectedTab()).toBe('Headers'))
    expect(screen.getByRole('tabpanel').textContent).toBe('Showing headers')
    fireEvent.keyDown(headers, { key: 'ArrowRight' }) // Sent is disabled: wraps to Body
    await waitFor(() => expect(document.activeElement).toBe(body))
    await waitFor(() => expect(selectedTab()).toBe('Body'))
  })

  it('manual: arrows only move focus, Enter or a click shows', async () => {
    render(<Harness activation="manual" />)
    const [body, headers] = screen.getAllByRole('tab') as [HTMLElement, HTMLElement]
    body.focus()
    fireEvent.keyDown(body, { key: 'End' })
    await waitFor(() => expect(document.activeElement).toBe(headers))
    expect(selectedTab()).toBe('Body')
    fireEvent.keyDown(headers, { key: 'Enter' })
    await waitFor(() => expect(selectedTab()).toBe('Headers'))
    fireEvent.click(body)
    await waitFor(() => expect(selectedTab()).toBe('Body'))
    expect(screen.getByRole('tabpanel').textContent).toBe('Showing body')
  })
})
