/**
 * Command ids, each in the command palette under "vobridge". Widgets run them
 * through the command registry they are given; only the plugin registers them.
 */
export const CommandIDs = {
  showLogin: 'vobridge:show-login',
  showSessions: 'vobridge:show-sessions',
  refreshSessions: 'vobridge:refresh-sessions',
  launchSession: 'vobridge:launch-session',
  openSession: 'vobridge:open-session',
  openSessionInBrowser: 'vobridge:open-session-in-browser',
  copySessionUrl: 'vobridge:copy-session-url',
  insertSnippet: 'vobridge:insert-snippet',
  renewSession: 'vobridge:renew-session',
  deleteSession: 'vobridge:delete-session',
  logoutAll: 'vobridge:logout-all',
} as const;
