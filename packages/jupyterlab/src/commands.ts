import type { JupyterFrontEnd } from '@jupyterlab/application';
import { Clipboard, Dialog, showDialog, showErrorMessage } from '@jupyterlab/apputils';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import type { Widget } from '@lumino/widgets';
import { describeError } from './api/errors.js';
import type { PlatformSession } from '@vobridge/sdk/broker';
import { connectSnippet } from './models/snippet.js';
import type { VobridgeService } from './service.js';
import { LaunchForm } from './widgets/launch-form.js';
import { openExternal } from './widgets/external-window.js';
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
  const hasSession = (args: ReadonlyPartialJSONObject) => sessionFrom(args) !== undefined;

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
      const form = new LaunchForm(
        service,
        [...new Set(platforms)],
        typeof args.type === 'string' ? args.type : 'firefly',
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
      try {
        await service.client.launch(result.value.platform, result.value.request);
      } catch (error) {
        await showErrorMessage('Launch failed', describeError(error));
      }
      await service.refreshSessions();
    },
  });

  commands.addCommand(CommandIDs.openSession, {
    label: 'vobridge: Open Session in a New Tab',
    isEnabled: (args) => Boolean(sessionFrom(args)?.connectURL),
    execute: async (args) => {
      const session = await needSession(args);
      if (!session) return;
      // Logged in: the platform's one-time link sets its cookie on the way (no token in the page).
      let link: string | undefined;
      try {
        link = await service.client.openLink(session.platform, session.id);
      } catch (error) {
        await showErrorMessage('Cannot open the session', describeError(error));
        return;
      }
      openExternal(link ?? session.connectURL);
    },
  });

  commands.addCommand(CommandIDs.copySessionUrl, {
    label: 'vobridge: Copy Session URL',
    isEnabled: (args) => Boolean(sessionFrom(args)?.connectURL),
    execute: async (args) => {
      const session = await needSession(args);
      if (session?.connectURL) Clipboard.copyToSystem(session.connectURL);
    },
  });

  commands.addCommand(CommandIDs.insertSnippet, {
    label: 'vobridge: Insert Session Connect Snippet',
    isEnabled: hasSession,
    execute: async (args) => {
      const session = await needSession(args);
      if (!session) return;
      const notebook = app.shell.currentWidget;
      if (!isNotebook(notebook)) {
        await showErrorMessage('No notebook', 'Open a notebook, then insert the snippet again.');
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
    label: 'vobridge: Renew Session',
    isEnabled: hasSession,
    execute: async (args) => {
      const session = await needSession(args);
      if (!session) return;
      try {
        await service.client.renew(session.platform, session.id);
      } catch (error) {
        await showErrorMessage('Renew failed', describeError(error));
      }
      await service.refreshSessions();
    },
  });

  commands.addCommand(CommandIDs.deleteSession, {
    label: 'vobridge: Delete Session…',
    isEnabled: hasSession,
    execute: async (args) => {
      const session = await needSession(args);
      if (!session) return;
      const answer = await showDialog({
        title: 'Delete session?',
        body: `Delete ${session.type} session “${session.name || session.id}” on ${session.platform}? Unsaved work in it is lost.`,
        buttons: [Dialog.cancelButton(), Dialog.warnButton({ label: 'Delete' })],
      });
      if (!answer.button.accept) return;
      try {
        await service.client.deleteSession(session.platform, session.id);
        service.sessions.remove(session.platform, session.id);
      } catch (error) {
        await showErrorMessage('Delete failed', describeError(error));
      }
      await service.refreshSessions();
    },
  });

  commands.addCommand(CommandIDs.logoutAll, {
    label: 'vobridge: Log Out of Every Platform',
    isEnabled: () => service.logins.logins.length > 0,
    execute: async () => {
      await Promise.allSettled(service.logins.logins.map((login) => service.client.logout(login.id)));
      await service.refresh();
    },
  });
}
