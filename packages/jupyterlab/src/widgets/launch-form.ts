import { Widget } from '@lumino/widgets';
import type { SessionType } from '@vobridge/sdk';
import type { LaunchRequest } from '@vobridge/sdk/broker';
import { sessionTypeValues } from '@vobridge/sdk/openapi/sessions';
import type { LaunchOptions } from '../api/client.js';
import { describeError } from '../api/errors.js';
import type { LaunchDefaults, VobridgeService } from '../service.js';
import { h } from './dom.js';

/** What the launch dialog returns. */
export interface LaunchChoice {
  platform: string;
  request: LaunchRequest;
}

function numbers(value: unknown, fallback: number[]): number[] {
  // skaha `/context` gives `{default, options: [...]}` per resource; older servers a bare list.
  if (Array.isArray(value)) return value.filter((v): v is number => typeof v === 'number');
  if (value && typeof value === 'object' && Array.isArray((value as { options?: unknown }).options)) {
    return numbers((value as { options: unknown[] }).options, fallback);
  }
  return fallback;
}

/**
 * Body of the launch dialog: platform, type, image, name and resources, the
 * choices filled from the platform's `/context` and `/image`.
 */
export class LaunchForm extends Widget {
  private readonly _platform: HTMLSelectElement;
  private readonly _type: HTMLSelectElement;
  private readonly _image: HTMLSelectElement;
  private readonly _name: HTMLInputElement;
  private readonly _cores: HTMLSelectElement;
  private readonly _ram: HTMLSelectElement;
  private readonly _error: HTMLElement;
  private _options: LaunchOptions | undefined;

  constructor(
    private readonly service: VobridgeService,
    platforms: string[],
    type = 'firefly',
    private readonly defaults: LaunchDefaults = {},
  ) {
    super();
    this.addClass('vobridge-LaunchForm');
    const select = (className: string, values: string[], label: string) =>
      h(
        'select',
        { className: `jp-mod-styled ${className}`, attrs: { 'aria-label': label } },
        ...values.map((v) => h('option', { text: v, attrs: { value: v } })),
      );
    this._platform = select('vobridge-launch-platform', platforms, 'Platform');
    if (defaults.platform && platforms.includes(defaults.platform)) this._platform.value = defaults.platform;
    this._type = select('vobridge-launch-type', [...sessionTypeValues], 'Session type');
    this._type.value = type;
    this._image = select('vobridge-launch-image', [], 'Image');
    this._name = h('input', {
      className: 'jp-mod-styled vobridge-launch-name',
      attrs: { 'aria-label': 'Name', value: `${type}1`, maxlength: '15' },
    });
    this._cores = select('vobridge-launch-cores', [], 'Cores');
    this._ram = select('vobridge-launch-ram', [], 'Memory (GB)');
    this._error = h('div', { className: 'vobridge-launch-message', attrs: { role: 'status' } });
    const field = (label: string, control: HTMLElement) =>
      h('label', { className: 'vobridge-field' }, h('span', { text: label }), control);
    this.node.append(
      field('Platform', this._platform),
      field('Type', this._type),
      field('Image', this._image),
      field('Name', this._name),
      field('Cores', this._cores),
      field('Memory (GB)', this._ram),
      this._error,
    );
    this._platform.addEventListener('change', () => void this._load());
    this._name.addEventListener('input', () => this._syncAccept());
    this._type.addEventListener('change', () => {
      this._name.value = `${this._type.value}1`;
      this._fillImages();
    });
    void this._load();
  }

  /** The user's choice, or `undefined` while the form is incomplete. */
  getValue(): LaunchChoice | undefined {
    if (!this._image.value || !this._name.value) return undefined;
    return {
      platform: this._platform.value,
      request: {
        name: this._name.value,
        type: this._type.value as SessionType,
        image: this._image.value,
        ...(this._cores.value ? { cores: Number(this._cores.value) } : {}),
        ...(this._ram.value ? { ram: Number(this._ram.value) } : {}),
      },
    };
  }

  protected override onAfterAttach(): void {
    this._syncAccept();
  }

  /** Launch is offered only for a complete choice: never with no image to launch. */
  private _syncAccept(): void {
    const accept = this.node.closest('.jp-Dialog')?.querySelector<HTMLButtonElement>('.jp-Dialog-button.jp-mod-accept');
    if (accept) accept.disabled = this.getValue() === undefined;
  }

  private async _load(): Promise<void> {
    this._options = undefined;
    this._image.replaceChildren();
    this._error.classList.remove('vobridge-mod-error');
    this._error.textContent = 'Loading the platform’s images…';
    this._syncAccept();
    try {
      this._options = await this.service.client.launchOptions(this._platform.value);
    } catch (error) {
      this._options = undefined;
      this._error.classList.add('vobridge-mod-error');
      this._error.textContent = `Could not load this platform’s images: ${describeError(error)}`;
    }
    this._fillImages();
    const fill = (node: HTMLSelectElement, values: number[]) =>
      node.replaceChildren(...values.map((v) => h('option', { text: String(v), attrs: { value: String(v) } })));
    fill(this._cores, numbers(this._options?.context.cores, [1, 2, 4]));
    fill(this._ram, numbers(this._options?.context.memoryGB, [1, 2, 4, 8]));
    // The user's defaults (Settings › vobridge › Launch defaults), where the platform offers them.
    const prefer = (node: HTMLSelectElement, value: number | string | undefined) => {
      if (value !== undefined && [...node.options].some((o) => o.value === String(value))) node.value = String(value);
    };
    prefer(this._cores, this.defaults.cores);
    prefer(this._ram, this.defaults.ramGB);
  }

  private _fillImages(): void {
    const images = (this._options?.images ?? []).filter((image) =>
      image.types.includes(this._type.value as SessionType),
    );
    this._image.replaceChildren(...images.map((image) => h('option', { text: image.id, attrs: { value: image.id } })));
    const preferred = this.defaults.images?.[this._type.value];
    if (preferred && images.some((image) => image.id === preferred)) this._image.value = preferred;
    if (this._options && images.length === 0)
      this._error.textContent = `This platform has no ${this._type.value} image.`;
    else if (this._options) this._error.textContent = '';
    this._syncAccept();
  }
}
