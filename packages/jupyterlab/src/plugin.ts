import { ILayoutRestorer } from '@jupyterlab/application';
import type { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStatusBar } from '@jupyterlab/statusbar';
import { CommandIDs } from './command-ids.js';
import { registerCommands } from './commands.js';
import { DEFAULT_SETTINGS, VobridgeService } from './service.js';
import type { LaunchDefaults, VobridgeSettings } from './service.js';
import { LoginPanel } from './widgets/login-panel.js';
import { SessionsPanel } from './widgets/sessions-panel.js';
import { IVobridge } from './tokens.js';
import { StatusItem } from './widgets/status-item.js';

/** Id of the plugin, and of its settings (schema/plugin.json). */
export const PLUGIN_ID = '@vobridge/jupyterlab:plugin';

function readSettings(settings: ISettingRegistry.ISettings): VobridgeSettings {
  const platforms = settings.get('platforms').composite;
  const margin = settings.get('refreshMarginSeconds').composite;
  return {
    platforms: Array.isArray(platforms)
      ? platforms.filter((p): p is string => typeof p === 'string')
      : DEFAULT_SETTINGS.platforms,
    refreshMarginSeconds: typeof margin === 'number' ? margin : DEFAULT_SETTINGS.refreshMarginSeconds,
    launch: readLaunchDefaults(settings.get('launch').composite),
  };
}

/** The `launch` setting, keeping only well-typed members (the schema already validated the shape). */
function readLaunchDefaults(value: unknown): LaunchDefaults {
  if (!value || typeof value !== 'object') return {};
  const raw = value as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const count = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);
  const images =
    raw.images && typeof raw.images === 'object'
      ? Object.fromEntries(
          Object.entries(raw.images).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
        )
      : undefined;
  const launch: LaunchDefaults = {};
  if (text(raw.platform)) launch.platform = text(raw.platform);
  if (text(raw.type)) launch.type = text(raw.type);
  if (images) launch.images = images;
  if (count(raw.cores)) launch.cores = count(raw.cores);
  if (count(raw.ramGB)) launch.ramGB = count(raw.ramGB);
  return launch;
}

/**
 * The vobridge front end: login panel and sessions sidebar in the left area,
 * a status bar item where there is a status bar (JupyterLab; Notebook 7 has
 * none), palette commands, and settings.
 */
export const vobridgePlugin: JupyterFrontEndPlugin<IVobridge> = {
  id: PLUGIN_ID,
  description: 'Log in to IVOA science platforms, see and use their sessions, watch token health.',
  autoStart: true,
  provides: IVobridge,
  optional: [ICommandPalette, ISettingRegistry, IStatusBar, ILayoutRestorer],
  activate: async (
    app: JupyterFrontEnd,
    palette: ICommandPalette | null,
    settingRegistry: ISettingRegistry | null,
    statusBar: IStatusBar | null,
    restorer: ILayoutRestorer | null,
  ): Promise<IVobridge> => {
    const service = new VobridgeService();
    const login = new LoginPanel(service);
    const sessions = new SessionsPanel(service, app.commands);
    app.shell.add(login, 'left', { rank: 900 });
    app.shell.add(sessions, 'left', { rank: 901 });
    restorer?.add(login, login.id);
    restorer?.add(sessions, sessions.id);

    registerCommands({
      app,
      service,
      selected: () => sessions.selected,
      showLogin: () => app.shell.activateById(login.id),
      showSessions: () => app.shell.activateById(sessions.id),
    });
    if (palette) {
      for (const command of Object.values(CommandIDs)) palette.addItem({ command, category: 'vobridge' });
    }
    if (statusBar) {
      statusBar.registerStatusItem(`${PLUGIN_ID}:status`, {
        item: new StatusItem(service, () => app.shell.activateById(login.id)),
        align: 'left',
        rank: 900,
      });
    }
    if (settingRegistry) {
      try {
        const settings = await settingRegistry.load(PLUGIN_ID);
        const apply = () => {
          service.configure(readSettings(settings));
          login.updatePlatforms();
        };
        apply();
        settings.changed.connect(apply);
      } catch (error) {
        console.warn('vobridge: settings could not be loaded; using defaults.', error);
      }
    }
    // Not awaited: JupyterLab waits for every plugin's activation before it shows anything.
    void service.start().then(() => login.updatePlatforms());
    return service;
  },
};
