import type { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';

const plugin: JupyterFrontEndPlugin<void> = {
  id: '@vobridge/jupyterlab:plugin',
  autoStart: true,
  activate: (_app: JupyterFrontEnd) => {
    console.warn('vobridge activated');
  },
};
export default plugin;
