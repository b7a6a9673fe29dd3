import { PageConfig, URLExt } from '@jupyterlab/coreutils';
import { Widget } from '@lumino/widgets';
import { describeError } from '../api/errors.js';
import {
  isPendingLogin,
  type BrokerLogin,
  type DiscoveredMethod,
  type LoginMethod,
  type PendingLogin,
} from '@vobridge/sdk/broker';
import type { VobridgeService } from '../service.js';
import { vobridgeIcon } from './icons.js';
import { h } from './dom.js';
import { externalUrl, openExternal } from './external-window.js';

const METHOD_LABELS: Readonly<Record<LoginMethod, string>> = {
  password: 'User name and password',
  cookie: 'User name and password (session cookie)',
  basic: 'User name and password (HTTP Basic)',
  device: 'Device code (OIDC)',
  pkce: 'Browser login (OIDC popup)',
  token: 'Token',
  hub: 'JupyterHub',
};

// Methods the panel can drive; a static token is for the CLI, not for a form.
const PANEL_METHODS: readonly LoginMethod[] = ['password', 'cookie', 'basic', 'device', 'pkce'];

/** The methods that ask for a user name and password. */
type PasswordMethod = 'password' | 'cookie' | 'basic';
const isPasswordMethod = (method: LoginMethod): method is PasswordMethod =>
  method === 'password' || method === 'cookie' || method === 'basic';

/**
 * Login panel: pick or type a platform URL, discover how it lets you in,
 * log in with a password, a device code or a PKCE popup, and see (and end)
 * the logins you have, each with its user and a live expiry countdown.
 */
/** What the panel says the broker renews a login with, and what it keeps for that. */
const RENEWS_WITH: Record<NonNullable<BrokerLogin['renews_with']>, string> = {
  refresh_token: 'renews with a refresh token',
  password_in_memory: 'renews with your password, kept in memory until logout',
  password_on_disk: 'renews with your password, kept encrypted on disk',
  hub: 'renewed by JupyterHub, which holds your login: no password here',
  none: 'cannot renew: log in again when the token expires',
};

/**
 * A login through JupyterHub ends where it was made: at the hub. Logging it out
 * here would only last until the broker restarts and logs in through the hub again.
 */
function hubLogout(ended: boolean): HTMLElement {
  const hubPrefix = PageConfig.getOption('hubPrefix');
  const where = hubPrefix ? URLExt.join(hubPrefix, ended ? 'login' : 'logout') : undefined;
  const text = ended
    ? 'The platform ended this login. Log in again at JupyterHub; this server picks the new login up by itself.'
    : 'You logged in once, at JupyterHub. To end this login, log out of JupyterHub.';
  return h(
    'div',
    { className: 'vobridge-login-hub' },
    text,
    ' ',
    where
      ? h('a', {
          className: 'vobridge-hub-link',
          text: ended ? 'Log in at JupyterHub' : 'Log out of JupyterHub',
          attrs: { href: where, target: '_top' },
        })
      : false,
  );
}

export class LoginPanel extends Widget {
  private readonly _url: HTMLInputElement;
  private readonly _platforms: HTMLDataListElement;
  private readonly _methods: HTMLElement;
  private readonly _form: HTMLElement;
  private readonly _pending: HTMLElement;
  private readonly _error: HTMLElement;
  private readonly _list: HTMLElement;
  private _ticker: ReturnType<typeof setInterval> | undefined;
  // Bumped by every new attempt so a stale device-code wait stops by itself.
  private _attempt = 0;
  private _rendered = '';

  constructor(private readonly service: VobridgeService) {
    super();
    this.id = 'vobridge-login';
    this.addClass('vobridge-LoginPanel');
    this.title.icon = vobridgeIcon;
    this.title.caption = 'vobridge: platform logins';

    this._platforms = h('datalist', { attrs: { id: 'vobridge-platform-list' } });
    this._url = h('input', {
      className: 'jp-mod-styled vobridge-login-url',
      attrs: {
        type: 'url',
        placeholder: 'https://platform.example.org',
        list: 'vobridge-platform-list',
        'aria-label': 'Platform URL',
      },
    });
    const discover = h('button', {
      className: 'jp-mod-styled jp-mod-accept vobridge-discover',
      text: 'Find login methods',
    });
    const urlForm = h(
      'form',
      {
        className: 'vobridge-url-form',
        on: { submit: (event) => (event.preventDefault(), void this.discover(this._url.value)) },
      },
      this._url,
      this._platforms,
      discover,
    );
    this._methods = h('div', { className: 'vobridge-methods' });
    this._form = h('div', { className: 'vobridge-method-form' });
    this._pending = h('div', { className: 'vobridge-pending' });
    this._error = h('div', { className: 'vobridge-error', attrs: { role: 'alert' } });
    this._list = h('ul', { className: 'vobridge-login-list' });

    this.node.append(
      h('h2', { className: 'vobridge-heading', text: 'Log in to a platform' }),
      urlForm,
      this._methods,
      this._form,
      this._pending,
      this._error,
      h('h2', { className: 'vobridge-heading', text: 'Logged in' }),
      this._list,
    );
    service.logins.changed.connect(this._renderLogins, this);
    this.updatePlatforms();
    this._renderLogins();
  }

  /** Refill the platform suggestions from the settings. */
  updatePlatforms(): void {
    const platforms = this.service.platforms;
    this._platforms.replaceChildren(...platforms.map((url) => h('option', { attrs: { value: url } })));
    if (!this._url.value && platforms[0]) this._url.value = platforms[0];
  }

  /** Discover the login methods of `url` and offer them. */
  async discover(url: string): Promise<void> {
    this._reset();
    const target = url.trim();
    if (!/^https?:\/\//i.test(target)) {
      this._showError('Enter the platform address, starting with https:// (or http:// for a local one).');
      return;
    }
    this._methods.textContent = 'Looking for login methods…';
    let methods: DiscoveredMethod[];
    try {
      methods = (await this.service.client.discover(target)).methods.filter((m) => PANEL_METHODS.includes(m.method));
    } catch (error) {
      // Discovery can fail on platforms that hide their login endpoints; a
      // password login may still work, and the broker says so plainly if not.
      this._methods.replaceChildren(
        h('button', {
          className: 'jp-mod-styled vobridge-method vobridge-method-password',
          text: 'Try a user name and password anyway',
          on: { click: () => this._choose(target, 'password') },
        }),
      );
      this._showError(`Could not find this platform's login methods. ${describeError(error)}`);
      return;
    }
    if (methods.length === 0) {
      this._methods.textContent = '';
      this._showError('This platform offers no login method the panel can use.');
      return;
    }
    const seen = new Set<LoginMethod>();
    this._methods.replaceChildren(
      h('p', { text: 'Log in with:' }),
      ...methods
        .filter((m) => !seen.has(m.method) && seen.add(m.method))
        .map((m) =>
          h('button', {
            className: `jp-mod-styled vobridge-method vobridge-method-${m.method}`,
            text: METHOD_LABELS[m.method],
            on: { click: () => this._choose(target, m.method) },
          }),
        ),
    );
    if (methods.length === 1) this._choose(target, methods[0]!.method);
  }

  protected override onAfterAttach(): void {
    this._ticker = setInterval(() => this._renderLogins(), 1000);
  }

  protected override onBeforeDetach(): void {
    clearInterval(this._ticker);
    this._ticker = undefined;
  }

  override dispose(): void {
    clearInterval(this._ticker);
    this._attempt++;
    super.dispose();
  }

  private _choose(url: string, method: LoginMethod): void {
    this._error.textContent = '';
    this._pending.textContent = '';
    if (isPasswordMethod(method)) {
      const username = h('input', {
        className: 'jp-mod-styled vobridge-username',
        attrs: { autocomplete: 'username', 'aria-label': 'User name', placeholder: 'User name' },
      });
      const password = h('input', {
        className: 'jp-mod-styled vobridge-password',
        attrs: {
          type: 'password',
          autocomplete: 'current-password',
          'aria-label': 'Password',
          placeholder: 'Password',
        },
      });
      const keep = h('input', { className: 'vobridge-keep-password', attrs: { type: 'checkbox', checked: '' } });
      // A Basic login is the password: the broker must hold it in memory, so there is no choice to offer.
      const keepLabel =
        method === 'basic'
          ? h('p', {
              className: 'vobridge-keep-label',
              text: "HTTP Basic sends your password with every request: it is held in the local broker's memory until you log out or JupyterLab stops, and sent only to this platform.",
            })
          : h(
              'label',
              {
                className: 'vobridge-keep-label',
                title:
                  "The platform gives no refresh token: without the password the login ends when its token or cookie expires. It is held only in the local broker's memory, never written to disk, and forgotten when you log out or JupyterLab stops.",
              },
              keep,
              ' Keep my password in memory to renew this login',
            );
      const submit = h('button', { className: 'jp-mod-styled jp-mod-accept vobridge-login-submit', text: 'Log in' });
      const form = h(
        'form',
        {
          on: {
            submit: (event) => {
              event.preventDefault();
              submit.disabled = true;
              void this._login({
                method,
                url,
                username: username.value,
                password: password.value,
                keep_password: method === 'basic' || keep.checked ? 'memory' : 'no',
              }).finally(() => {
                submit.disabled = false;
                password.value = '';
              });
            },
          },
        },
        username,
        password,
        keepLabel,
        submit,
      );
      this._form.replaceChildren(form);
      username.focus();
    } else if (method === 'device') {
      this._form.replaceChildren();
      void this._login({ method: 'device', url });
    } else if (method === 'pkce') {
      this._form.replaceChildren();
      void this._login({ method: 'pkce', url, redirect_uri: this.service.client.callbackUrl });
    }
  }

  private async _login(request: Parameters<VobridgeService['client']['startLogin']>[0]): Promise<void> {
    const attempt = ++this._attempt;
    this._error.textContent = '';
    let answer: BrokerLogin | PendingLogin;
    try {
      answer = await this.service.client.startLogin(request);
    } catch (error) {
      this._showError(describeError(error));
      return;
    }
    if (!isPendingLogin(answer)) {
      this._done();
      return;
    }
    if (answer.method === 'device') {
      const link = externalUrl(answer.verification_uri_complete ?? answer.verification_uri);
      this._pending.replaceChildren(
        h('p', { text: 'To finish logging in, open the page below and confirm this code:' }),
        h('p', { className: 'vobridge-user-code', text: answer.user_code ?? '' }),
        ...(link === undefined
          ? []
          : [
              h('a', {
                className: 'vobridge-verification-link',
                text: link,
                attrs: { href: link, target: '_blank', rel: 'noopener noreferrer' },
              }),
            ]),
      );
    } else {
      // Opened once the broker answered, still within the click's user activation; the
      // window gets no handle on JupyterLab (noopener), so the panel follows the login itself.
      const link = externalUrl(answer.authorization_url);
      if (link !== undefined) openExternal(link, 'popup,width=520,height=700');
      this._pending.replaceChildren(
        h('p', { text: 'Finish logging in in the new window. ' }),
        ...(link === undefined
          ? []
          : [
              h('a', {
                className: 'vobridge-authorization-link',
                text: 'Open the login page again',
                attrs: { href: link, target: '_blank', rel: 'noopener noreferrer' },
              }),
            ]),
      );
    }
    await this._follow(answer, attempt);
  }

  /** Wait for a pending login to become active (or fail), polling at the interval the platform asked for. */
  /**
   * Wait for a pending login to become active (or fail): the broker's `login`
   * events update the logins model (and, while the event stream is down, its
   * fallback polling does), so the panel only watches the model.
   */
  private async _follow(pending: PendingLogin, attempt: number): Promise<void> {
    const outcome = await new Promise<'active' | 'failed' | 'timeout' | 'superseded'>((resolve) => {
      const check = (): void => {
        if (attempt !== this._attempt) return finish('superseded');
        const state = this.service.logins.logins.find((l) => l.id === pending.id)?.state;
        if (state === 'active') finish('active');
        else if (state === 'failed' || state === 'expired') finish('failed');
      };
      const timer = setTimeout(() => finish('timeout'), pending.expires_in * 1000);
      const finish = (result: 'active' | 'failed' | 'timeout' | 'superseded'): void => {
        clearTimeout(timer);
        this.service.logins.changed.disconnect(check);
        resolve(result);
      };
      this.service.logins.changed.connect(check);
      check();
    });
    if (outcome === 'superseded') return;
    if (outcome === 'active') {
      this._done();
      return;
    }
    this._pending.textContent = '';
    this._showError(
      outcome === 'failed'
        ? 'The login was not completed. Please try again.'
        : 'The login took too long and was abandoned. Please try again.',
    );
  }

  private _done(): void {
    this._reset();
    void this.service.refresh();
  }

  private _reset(): void {
    this._attempt++;
    this._methods.textContent = '';
    this._form.textContent = '';
    this._pending.textContent = '';
    this._error.textContent = '';
  }

  private _showError(message: string): void {
    this._error.textContent = message;
  }

  private _renderLogins(): void {
    const views = this.service.logins.views(Date.now());
    // The ticker calls this every second: touch the DOM only when the text changes,
    // so buttons are not replaced under the user's pointer.
    const signature = JSON.stringify(views.map((v) => [v.login, v.remaining.text, v.problem]));
    if (signature === this._rendered) return;
    this._rendered = signature;
    if (views.length === 0) {
      this._list.replaceChildren(h('li', { className: 'vobridge-empty', text: 'Not logged in anywhere yet.' }));
      return;
    }
    this._list.replaceChildren(
      ...views.map(({ login, remaining, problem }) => {
        // A login still waiting for the user (or one that failed) is not a login yet: it says so,
        // in its own colour, and offers to cancel (or dismiss) rather than to log out.
        const unfinished = login.state === 'pending' || login.state === 'failed';
        const state =
          login.state === 'pending'
            ? `waiting for you to finish the ${login.method === 'device' ? 'device-code' : 'browser'} login`
            : login.state === 'failed'
              ? `login failed${login.reason ? `: ${login.reason}` : ''}`
              : `${login.state} · ${login.method === 'hub' ? `via JupyterHub as ${login.user ?? 'you'}` : login.method} · ${remaining.level === 'unknown' ? 'no expiry' : remaining.level === 'expired' ? 'token expired' : `token expires in ${remaining.text}`}`;
        return h(
          'li',
          {
            className: `vobridge-login-item vobridge-expiry-${remaining.level} vobridge-login-${login.state}`,
            attrs: { 'data-login-id': login.id, 'data-state': login.state },
          },
          h('div', {
            className: 'vobridge-login-who',
            text: login.user ? `${login.user} @ ${login.platform}` : login.platform,
          }),
          h('div', { className: 'vobridge-login-state', text: state }),
          !unfinished &&
            h('div', { className: 'vobridge-login-renewal', text: RENEWS_WITH[login.renews_with ?? 'none'] }),
          problem && !unfinished && h('div', { className: 'vobridge-login-problem', text: problem }),
          login.method === 'hub'
            ? // Refused for good: the token may still live a while, but only a new login at the hub helps.
              hubLogout(login.state === 'expired' || login.refreshable === false)
            : h('button', {
                className: 'jp-mod-styled vobridge-logout',
                text: login.state === 'pending' ? 'Cancel' : login.state === 'failed' ? 'Dismiss' : 'Log out',
                on: { click: () => void this._logout(login.id) },
              }),
        );
      }),
    );
  }

  private async _logout(id: string): Promise<void> {
    try {
      await this.service.client.logout(id);
    } catch (error) {
      this._showError(describeError(error));
    }
    await this.service.refresh();
  }
}
