/** The session a command without arguments acts on (the one selected in the sidebar). */
export interface SessionRef {
  platform: string;
  id: string;
}
