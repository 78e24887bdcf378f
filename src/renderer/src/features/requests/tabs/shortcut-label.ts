/** The modifier as the person's keyboard names it, for tooltips and menus ("Ctrl+T", "Cmd+T"). */
export const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? 'Cmd' : 'Ctrl'
