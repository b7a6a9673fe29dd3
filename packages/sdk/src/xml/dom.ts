// A tiny namespace-aware DOM over saxes. The IVOA documents we read are small
// (a job, a node, one page of a listing), so a tree is simpler to query than
// events; what matters is that every element knows its namespace URI, so
// `uws:job`, `job` under a default namespace and `ns2:job` all match the same.
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { ProtocolError } from '../errors.js';

/** One attribute of an {@link XmlElement}. */
export interface XmlAttribute {
  /** Namespace URI, `''` for an unprefixed attribute. */
  readonly uri: string;
  /** Local name. */
  readonly local: string;
  /** Name as written, prefix included. */
  readonly qname: string;
  readonly value: string;
}

/** An element of a parsed document. Text children are plain strings. */
export interface XmlElement {
  /** Namespace URI, `''` when the element is in no namespace. */
  readonly uri: string;
  /** Local name. */
  readonly local: string;
  /** Name as written, prefix included. */
  readonly qname: string;
  readonly attributes: readonly XmlAttribute[];
  /** Namespace declarations made on this element (prefix `''` = default namespace). */
  readonly declarations: Readonly<Record<string, string>>;
  /** Every namespace binding in scope here, declarations of ancestors included. */
  readonly scope: Readonly<Record<string, string>>;
  readonly children: readonly (XmlElement | string)[];
  /** 1-based line of the start tag. */
  readonly line: number;
  /** 1-based column of the start tag. */
  readonly column: number;
}

interface MutableElement extends XmlElement {
  children: (XmlElement | string)[];
}

/**
 * Deepest element nesting accepted. IVOA documents are a few levels deep;
 * the limit keeps the recursive readers from overflowing the stack on a
 * hostile document.
 */
export const MAX_XML_DEPTH = 256;

/** Namespace of `xsi:` attributes. */
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
/** Namespace of `xlink:` attributes. */
export const XLINK_NS = 'http://www.w3.org/1999/xlink';

/**
 * Parses an XML document into a tree.
 *
 * @param what - what the document should be ("UWS job"), used in error messages.
 * @throws {@link ProtocolError} naming the innermost open element and the
 *   line/column for malformed XML, an unbound prefix or an empty document.
 */
export function parseXml(xml: string, what = 'XML document'): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: MutableElement[] = [];
  let root: MutableElement | undefined;
  let failure: { message: string; line: number; column: number; element: string | undefined } | undefined;

  parser.on('error', (err) => {
    // saxes keeps going after an error; the first one is the one that explains.
    const message = err.message.replace(/^[^:]*:\d+:\d+: /, '');
    failure ??= {
      message,
      line: parser.line,
      column: parser.column,
      // Tag errors name the offending tag; others concern the open element.
      element: /tag: ([^\s]+?)\.?$/.exec(message)?.[1] ?? stack[stack.length - 1]?.qname,
    };
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    // Thrown out of write() and reported like a syntax error below.
    if (stack.length >= MAX_XML_DEPTH) throw new Error(`elements nested deeper than ${MAX_XML_DEPTH} levels`);
    const parent = stack[stack.length - 1];
    const declarations = { ...tag.ns };
    const el: MutableElement = {
      uri: tag.uri,
      local: tag.local,
      qname: tag.name,
      attributes: Object.values(tag.attributes).map((a) => ({
        uri: a.uri,
        local: a.local,
        qname: a.name,
        value: a.value,
      })),
      declarations,
      scope: Object.keys(declarations).length ? { ...(parent?.scope ?? {}), ...declarations } : (parent?.scope ?? {}),
      children: [],
      line: parser.line,
      column: parser.column,
    };
    if (parent) parent.children.push(el);
    else root ??= el;
    stack.push(el);
  });
  parser.on('text', (text) => stack[stack.length - 1]?.children.push(text));
  parser.on('cdata', (text) => stack[stack.length - 1]?.children.push(text));
  parser.on('closetag', () => {
    stack.pop();
  });

  try {
    parser.write(xml).close();
  } catch (cause) {
    // saxes throws from close() when it already reported an error; keep ours.
    failure ??= {
      message: cause instanceof Error ? cause.message : String(cause),
      line: parser.line,
      column: parser.column,
      element: stack[stack.length - 1]?.qname,
    };
  }
  if (failure) {
    const { element } = failure;
    throw new ProtocolError(
      `Malformed ${what} at line ${failure.line}, column ${failure.column}${element ? ` in <${element}>` : ''}: ${failure.message}`,
      { ...(element === undefined ? {} : { element }), location: { line: failure.line, column: failure.column } },
    );
  }
  if (!root) throw new ProtocolError(`Empty ${what}: no root element.`, { location: { line: 1, column: 1 } });
  return root;
}

/** Child elements of `el` with the given local name, in one of the namespaces `uris`. */
export function childrenNamed(el: XmlElement, uris: readonly string[], local: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && c.local === local && uris.includes(c.uri));
}

/** First child element named `local` in one of `uris`, if any. */
export function childNamed(el: XmlElement, uris: readonly string[], local: string): XmlElement | undefined {
  return childrenNamed(el, uris, local)[0];
}

/** Child elements, text skipped. */
export function elementChildren(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string');
}

/** Concatenated text content of `el` and its descendants. */
export function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

/** Value of the attribute `local` in namespace `uri` (default: no namespace). */
export function attribute(el: XmlElement, local: string, uri = ''): string | undefined {
  return el.attributes.find((a) => a.local === local && a.uri === uri)?.value;
}

/** True when the element carries `xsi:nil="true"`. */
export function isNil(el: XmlElement): boolean {
  const v = attribute(el, 'nil', XSI_NS)?.trim();
  return v === 'true' || v === '1';
}

/**
 * Resolves a QName-valued attribute such as `xsi:type="vos:DataNode"` against
 * the namespaces in scope, since the prefix alone means nothing.
 */
export function resolveQName(el: XmlElement, value: string): { uri: string; local: string } {
  const v = value.trim();
  const colon = v.indexOf(':');
  const prefix = colon < 0 ? '' : v.slice(0, colon);
  const local = colon < 0 ? v : v.slice(colon + 1);
  return { uri: el.scope[prefix] ?? '', local };
}

/**
 * A required child's text, or a {@link ProtocolError} naming it.
 *
 * @param what - document kind for the message.
 */
export function requiredText(el: XmlElement, uris: readonly string[], local: string, what: string): string {
  const child = childNamed(el, uris, local);
  if (!child) {
    throw new ProtocolError(`Invalid ${what}: <${el.qname}> at line ${el.line} has no <${local}> element.`, {
      element: local,
      location: { line: el.line, column: el.column },
    });
  }
  return textOf(child).trim();
}

/** A {@link ProtocolError} about element `el`. */
export function invalid(el: XmlElement, what: string, problem: string): ProtocolError {
  return new ProtocolError(`Invalid ${what}: <${el.qname}> at line ${el.line}: ${problem}`, {
    element: el.qname,
    location: { line: el.line, column: el.column },
  });
}
