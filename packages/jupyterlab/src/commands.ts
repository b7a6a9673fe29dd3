import type { JupyterFrontEnd } from '@jupyterlab/application';
import { hostOf } from './models/host.js';
import { Clipboard, Dialog, Notification, showDialog, showErrorMessage } from '@jupyterlab/apputils';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import type { Widget } from '@lumino/widgets';
import { describeError } from './api/errors.js';
import type { PlatformSession } from '@vobridge/sdk/broker';
import { connectSnippet } from './models/snippet.js';
import type { VobridgeService } from './service.js';
import { LaunchForm } from './widgets/launch-form.js';
import { openExternal } from './widgets/external-window.js';
import { createSessionFrame, sessionFrameId, TAB_SESSION_TYPES } from './widgets/session-frame.js';
import { sessionActions, type SessionAction } from './models/session-actions.js';
import { isoToEpoch, remaining } from './models/expiry.js';
import { CommandIDs } from './command-ids.js';
import type { SessionRef } from './models/session-ref.js';

/** The few notebook members the snippet insertion needs (Notebook 7 and JupyterLab 4 alike). */
interface NotebookLike extends Widget {
  content: { activeCell: { model: { sharedModel: { getSource(): string; setSource(value: string): void } } } | null };
}

function isNotebook(widget: Widget | null): widget is NotebookLike {
  return Boolean(widget && widget.hasClass('jp-NotebookPanel') && 'content' in widget);
}

/** What the commands need from the plugin. */
export interface CommandContext {
  app: JupyterFrontEnd;
  service: VobridgeService;
  /** The session selected in the sidebar, for commands run without arguments. */
  selected: () => SessionRef | undefined;
  showLogin: () => void;
  showSessions: () => void;
}

/** Register every vobridge command. */
export function registerCommands(context: CommandContext): void {
  const { app, service } = context;
  const { commands } = app;

  const sessionFrom = (args: ReadonlyPartialJSONObject): PlatformSession | undefined => {
    const ref =
      typeof args.platform === 'string' && typeof args.id === 'string'
        ? { platform: args.platform, id: args.id }
        : context.selected();
    return ref ? service.sessions.find(ref.platform, ref.id) : undefined;
  };
  const needSession = async (args: ReadonlyPartialJSONObject): Promise<PlatformSession | undefined> => {
    const session = sessionFrom(args);
    if (!session) await showErrorMessage('No session selected', 'Select a session in the vobridge sidebar first.');
    return session;
  };
  const can = (action: SessionAction) => (args: ReadonlyPartialJSONObject) => {
    const session = sessionFrom(args);
    return session !== undefined && sessionActions(session).includes(action);
  };
  /** How a session is named in messages: its name (or id) and where it runs. */
  const named = (session: PlatformSession) => `“${session.name || session.id}” on ${hostOf(session.platform)}`;
  /** The platform's one-time link that opens the session logged in, else its plain URL. */
  const pageOf = async (session: PlatformSession): Promise<string | undefined> => {
    try {
      return (await service.client.openLink(session.platform, session.id)) ?? session.connectURL;
    } catch (error) {
      Notification.error(`Could not open ${named(session)}: ${describeError(error)}`, { autoClose: false });
      return undefined;
    }
  };

  commands.addCommand(CommandIDs.showLogin, {
    label: 'vobridge: Log In to a Platform',
    execute: () => context.showLogin(),
  });
  commands.addCommand(CommandIDs.showSessions, {
    label: 'vobridge: Show Sessions',
    execute: () => context.showSessions(),
  });
  commands.addCommand(CommandIDs.refreshSessions, {
    label: 'vobridge: Refresh Sessions',
    execute: () => service.refresh(),
  });

  commands.addCommand(CommandIDs.launchSession, {
    label: 'vobridge: Launch a Session…',
    execute: async (args) => {
      const platforms = service.logins.logins
        .filter((l) => l.state === 'active' || l.state === 'refreshing')
        .map((l) => l.platform);
      if (platforms.length === 0) {
        await showErrorMessage('Not logged in', 'Log in to a platform before launching a session.');
        return;
      }
      const defaults = service.settings.launch;
      const form = new LaunchForm(
        service,
        [...new Set(platforms)],
        typeof args.type === 'string' ? args.type : (defaults.type ?? 'firefly'),
        defaults,
      );
      const result = await showDialog({
        title: 'Launch a session',
        body: form,
        buttons: [Dialog.cancelButton(), Dialog.okButton({ label: 'Launch' })],
      });
      if (!result.button.accept) return;
      if (!result.value) {
        await showErrorMessage('Cannot launch', 'Choose an image and a name.');
        return;
      }
      const { platform, request } = result.value;
      const what = `${request.type} session “${request.name}” on ${hostOf(platform)}`;
      try {
        await service.client.launch(platform, request);
        Notification.success(`Launched the ${what}; it shows in the sessions list and opens once it runs.`, {
          autoClose: 5000,
        });
      } catch (error) {
        Notification.error(`Could not launch the ${what}: ${describeError(error)}`, { autoClose: false });
      }
      await service.refreshSessions();
    },
  });

  commands.addCommand(CommandIDs.openSession, {
    label: (args) => {
      const session = sessionFrom(args);
      return session && !TAB_SESSION_TYPES.has(session.type) ? 'Open in a Browser Tab' : 'Open in JupyterLab';
    },
    caption: 'Firefly and CARTA open in a JupyterLab tab; other sessions in a browser tab',
    isEnabled: can('open'),
    execute: async (args) => {
      const session = await needSession(args);
      if (!session) return;
      if (!TAB_SESSION_TYPES.has(session.type)) {
        await commands.execute(CommandIDs.openSessionInBrowser, { platform: session.platform, id: session.id });
        return;
      }
      const existing = [...app.shell.widgets('main')].find((w) => w.id === sessionFrameId(session));
      if (existing) {
        app.shell.activateById(existing.id);
        return;
      }
      const page = await pageOf(session);
      if (page === undefined) return;
      const tab = createSessionFrame(session, page);
      if (!tab) {
        Notification.error(`${named(session)} has no address vobridge will open.`);
        return;
      }
      app.shell.add(tab, 'main', { mode: 'split-right' });
      app.shell.activateById(tab.id);
    },
  });

  commands.addCommand(CommandIDs.openSessionInBrowser, {
    label: 'Open in a Browser Tab',
    caption: 'Open the session in a new browser tab, logged in',
    isEnabled: can('openInBrowser'),
    execute: async (args) => {
      const session = await needSession(args);
      if (!session) return;
      const page = await pageOf(session);
      if (page !== undefined && !openExternal(page))
        Notification.error(`${named(session)} has no address vobridge will open.`);
    },
  });

  commands.addCommand(CommandIDs.copySessionUrl, {
    label: 'Copy Session URL',
    isEnabled: can('copy'),
    execute: async (args) => {
      const session = await needSession(args);
      if (!session?.connectURL) return;
      Clipboard.copyToSystem(session.connectURL);
      Notification.info(`Copied the address of ${named(session)}.`, { autoClose: 3000 });
    },
  });

  commands.addCommand(CommandIDs.insertSnippet, {
    label: 'Insert Connect Snippet into the Notebook',
    isEnabled: can('insert'),
    execute: async (args) => {
      const session = await needSession(args);
      if (!session) return;
      const notebook = app.shell.currentWidget;
      if (!isNotebook(notebook)) {
        Notification.warning('Open a notebook first: the snippet goes into its active cell.');
        return;
      }
      app.shell.activateById(notebook.id);
      const current = notebook.content.activeCell;
      // Reuse an empty active cell; otherwise add one below so nothing is overwritten.
      if (!current || current.model.sharedModel.getSource().trim() !== '') {
        await commands.execute('notebook:insert-cell-below');
      }
      notebook.content.activeCell?.model.sharedModel.setSource(connectSnippet(session));
    },
  });

  commands.addCommand(CommandIDs.renewSession, {
    label: 'Renew Session',
    isEnabled: can('renew'),
    execute: async (args) => {
      const session = await needSession(args);
      if (!session) return;
      try {
        const renewed = await service.client.renew(session.platform, session.id);
        const left = remaining(isoToEpoch(renewed.expiryTime), Date.now(), 0);
        Notification.success(
          `Renewed ${named(session)}${left.level === 'unknown' ? '' : `: it now ends in ${left.text}`}.`,
          { autoClose: 4000 },
        );
      } catch (error) {
        Notification.error(`Could not renew ${named(session)}: ${describeError(error)}`, { autoClose: false });
      }
      await service.refreshSessions();
    },
  });

  commands.addCommand(CommandIDs.deleteSession, {
    label: 'Delete Session…',
    isEnabled: can('delete'),
    execute: async (args) => {
      const session = await needSession(args);
      if (!session) return;
      const answer = await showDialog({
        title: 'Delete session?',
        body: `Delete ${session.type} session ${named(session)}? Unsaved work in it is lost.`,
        buttons: [Dialog.cancelButton(), Dialog.warnButton({ label: 'Delete' })],
      });
      if (!answer.button.accept) return;
      try {
        await service.client.deleteSession(session.platform, session.id);
        service.sessions.remove(session.platform, session.id);
        // Its tab would only show a page that is gone.
        [...app.shell.widgets('main')].find((w) => w.id === sessionFrameId(session))?.close();
        Notification.success(`Deleted ${named(session)}.`, { autoClose: 3000 });
      } catch (error) {
        Notification.error(`Could not delete ${named(session)}: ${describeError(error)}`, { autoClose: false });
      }
      await service.refreshSessions();
    },
  });

  // Right-click on a session row: the same commands, for the row clicked (the panel selects it first).
  const menu: [string, number][] = [
    [CommandIDs.openSession, 1],
    [CommandIDs.openSessionInBrowser, 2],
    [CommandIDs.copySessionUrl, 3],
    [CommandIDs.insertSnippet, 4],
    [CommandIDs.renewSession, 5],
    [CommandIDs.deleteSession, 6],
  ];
  for (const [command, rank] of menu) app.contextMenu.addItem({ command, selector: '.vobridge-row-session', rank });

  commands.addCommand(CommandIDs.logoutAll, {
    label: 'vobridge: Log Out of Every Platform',
    isEnabled: () => service.logins.logins.length > 0,
    execute: async () => {
      await Promise.allSettled(service.logins.logins.map((login) => service.client.logout(login.id)));
      await service.refresh();
    },
  });
}
