// Serialization by building a small tree and rendering it, so escaping lives
// in one place and no codec concatenates markup by hand.
import { ProtocolError } from '../errors.js';
import type { XmlElement } from './dom.js';

/** An element to write: `name` is the qualified name as it should appear. */
export interface XmlOut {
  name: string;
  /** Attributes in order; `undefined` values are left out. */
  attrs?: Record<string, string | undefined>;
  children?: (XmlOut | string | undefined)[];
}

// XML 1.0 Char production; anything else cannot be written at all.
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function checkChars(value: string, where: string): void {
  if (NOT_XML_CHAR.test(value)) {
    throw new ProtocolError(`Cannot write <${where}>: the value contains a character XML 1.0 cannot represent.`, {
      element: where,
    });
  }
}

function escapeText(value: string, where: string): string {
  checkChars(value, where);
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(value: string, where: string): string {
  checkChars(value, where);
  // Whitespace characters are written as references so that attribute-value
  // normalization on the reading side gives back the same string.
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function render(el: XmlOut, out: string[]): void {
  out.push('<', el.name);
  for (const [k, v] of Object.entries(el.attrs ?? {})) {
    if (v !== undefined) out.push(' ', k, '="', escapeAttr(v, `${el.name} ${k}`), '"');
  }
  const children = (el.children ?? []).filter((c): c is XmlOut | string => c !== undefined);
  if (!children.length) {
    out.push('/>');
    return;
  }
  out.push('>');
  for (const c of children) {
    if (typeof c === 'string') out.push(escapeText(c, el.name));
    else render(c, out);
  }
  out.push('</', el.name, '>');
}

/**
 * Renders a tree as an XML document. The declaration names no encoding (UTF-8
 * is the default): lxml refuses a `str` that declares one, and cadcutils
 * hands it response text.
 *
 * @throws {@link ProtocolError} when a value holds a character XML 1.0 cannot represent.
 */
export function renderXml(root: XmlOut): string {
  const out: string[] = ['<?xml version="1.0"?>\n'];
  render(root, out);
  out.push('\n');
  return out.join('');
}

/**
 * Converts a parsed element back to a writable tree, keeping its names and the
 * namespace declarations it carried, so extension content (`jobInfo`) round-trips.
 * Declarations of ancestors that are in scope but not redeclared are added to
 * the copied element so it stays well-formed wherever it is placed.
 */
export function fromParsed(el: XmlElement, inherited: Readonly<Record<string, string>> = {}): XmlOut {
  const attrs: Record<string, string> = {};
  for (const [prefix, uri] of Object.entries(el.scope)) {
    if (inherited[prefix] !== uri) attrs[prefix ? `xmlns:${prefix}` : 'xmlns'] = uri;
  }
  for (const a of el.attributes) {
    if (a.qname !== 'xmlns' && !a.qname.startsWith('xmlns:')) attrs[a.qname] = a.value;
  }
  return {
    name: el.qname,
    attrs,
    children: el.children.map((c) => (typeof c === 'string' ? c : fromParsed(c, el.scope))),
  };
}
