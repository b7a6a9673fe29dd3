import { LabIcon } from '@jupyterlab/ui-components';

// Small monochrome glyphs; `jp-icon3` lets JupyterLab's themes recolour them.
const svg = (body: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16"><g class="jp-icon3" fill="#616161">${body}</g></svg>`;

/** The extension's own icon (a dish antenna). */
export const vobridgeIcon = new LabIcon({
  name: 'vobridge:logo',
  svgstr: svg(
    '<path d="M4 4a10 10 0 0 0 14 14L4 4zm9.5 2.5 2-2 1.4 1.4-2 2zM15 3a6 6 0 0 1 6 6h-2a4 4 0 0 0-4-4z"/><rect x="3" y="19" width="10" height="2"/>',
  ),
});

/** Icon of the sessions sidebar (stacked windows). */
export const sessionsIcon = new LabIcon({
  name: 'vobridge:sessions',
  svgstr: svg('<path d="M7 3h14v12h-2V5H7zM3 7h14v14H3zm2 4v8h10v-8z"/>'),
});

/** Icons by session type. */
export const sessionTypeIcons: Readonly<Record<string, LabIcon>> = {
  firefly: new LabIcon({
    name: 'vobridge:firefly',
    svgstr: svg(
      '<circle cx="12" cy="12" r="3"/><path d="M12 2l1.5 6h-3zM12 22l-1.5-6h3zM2 12l6-1.5v3zM22 12l-6 1.5v-3z"/>',
    ),
  }),
  carta: new LabIcon({
    name: 'vobridge:carta',
    svgstr: svg('<path d="M3 5l6-2 6 2 6-2v16l-6 2-6-2-6 2zM9 5v14l6 2V7z"/>'),
  }),
  notebook: new LabIcon({
    name: 'vobridge:notebook',
    svgstr: svg('<path d="M5 3h12a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5zm3 4v2h8V7zm0 4v2h8v-2z"/>'),
  }),
  desktop: new LabIcon({
    name: 'vobridge:desktop',
    svgstr: svg('<path d="M2 4h20v12H2zm2 2v8h16V6zM8 18h8v2H8z"/>'),
  }),
  headless: new LabIcon({
    name: 'vobridge:headless',
    svgstr: svg('<path d="M3 4h18v16H3zm2 4v10h14V8zm2 2 3 2-3 2zm5 4h5v1h-5z"/>'),
  }),
  other: new LabIcon({
    name: 'vobridge:session',
    svgstr: svg('<rect x="4" y="4" width="16" height="16" rx="3"/>'),
  }),
};

/** The icon for a session type, with a generic one for types without their own. */
export function iconForType(type: string): LabIcon {
  return sessionTypeIcons[type] ?? sessionTypeIcons.other!;
}
