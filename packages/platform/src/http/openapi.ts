import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { parse as parseYaml } from 'yaml';
import type { ErrorStyle } from './error-handler.js';
import { BadRequestError, MethodNotAllowedError } from './errors.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required: boolean;
  validate: ValidateFunction;
  isArray: boolean;
}

interface Operation {
  method: string;
  parameters: Parameter[];
}

interface Route {
  template: string;
  errorStyle: ErrorStyle;
  pattern: RegExp;
  names: string[];
  operations: Map<string, Operation>;
}

function isObject(value: Json | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Loads an OpenAPI 3.1 document and inlines every `$ref` under `paths`,
 * local or into a sibling file (`./common.yaml#/...`).
 */
export function loadSpec(path: string): JsonObject {
  const files = new Map<string, JsonObject>();
  const load = (file: string): JsonObject => {
    let doc = files.get(file);
    if (doc === undefined) {
      doc = parseYaml(readFileSync(file, 'utf8')) as JsonObject;
      files.set(file, doc);
    }
    return doc;
  };
  const pointer = (doc: JsonObject, fragment: string): Json => {
    let node: Json = doc;
    for (const raw of fragment.split('/').slice(1)) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      node = isObject(node) ? (node[key] ?? null) : null;
    }
    return node;
  };
  // `seen` holds the refs being expanded: a recursive schema (VOSpace containers hold nodes) becomes `{}`,
  // which accepts anything, instead of expanding forever.
  const resolve = (node: Json, file: string, seen: ReadonlySet<string>): Json => {
    if (Array.isArray(node)) return node.map((item) => resolve(item, file, seen));
    if (!isObject(node)) return node;
    const ref = node.$ref;
    if (typeof ref === 'string') {
      const [target = '', fragment = ''] = ref.split('#');
      const targetFile = target === '' ? file : join(dirname(file), target);
      const key = `${targetFile}#${fragment}`;
      if (seen.has(key)) return {};
      return resolve(pointer(load(targetFile), fragment), targetFile, new Set([...seen, key]));
    }
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) out[key] = resolve(value, file, seen);
    return out;
  };
  const doc = load(path);
  return { ...doc, paths: resolve(doc.paths ?? {}, path, new Set()) };
}

function compileRoutes(spec: JsonObject, ajv: Ajv2020, errorStyle: ErrorStyle): Route[] {
  const specBase = serverPath(spec.servers);
  const routes: Route[] = [];
  for (const [template, item] of Object.entries(isObject(spec.paths) ? spec.paths : {})) {
    if (!isObject(item)) continue;
    const base = serverPath(item.servers) ?? specBase ?? '';
    const names: string[] = [];
    const fullTemplate = `${base.replace(/\/$/, '')}${template}`;
    const source = fullTemplate
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const name = /^\{([^}]+)\}$/.exec(part)?.[1];
        if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(name);
        return '([^/]+)';
      })
      .join('');
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    const operations = new Map<string, Operation>();
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const own = Array.isArray(op.parameters) ? op.parameters : [];
      const merged = new Map<string, JsonObject>();
      for (const p of [...shared, ...own]) if (isObject(p)) merged.set(`${String(p.in)}:${String(p.name)}`, p);
      operations.set(method.toUpperCase(), {
        method,
        parameters: [...merged.values()].map((p) => {
          const schema = isObject(p.schema) ? p.schema : {};
          return {
            name: String(p.name),
            in: p.in as Parameter['in'],
            required: p.required === true,
            isArray: schema.type === 'array',
            validate: ajv.compile(schema),
          };
        }),
      });
    }
    routes.push({ template: fullTemplate, errorStyle, pattern: new RegExp(`^${source}$`), names, operations });
  }
  return routes;
}

function serverPath(servers: Json | undefined): string | undefined {
  if (!Array.isArray(servers) || !isObject(servers[0]) || typeof servers[0].url !== 'string') return undefined;
  return servers[0].url;
}

function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .map((e) => `${e.instancePath === '' ? '' : `${e.instancePath} `}${e.message ?? 'is invalid'}`)
    .join('; ');
}

/** A spec to enforce, and how its services write errors. */
export interface SpecFile {
  /** Path of the OpenAPI document. */
  path: string;
  /** Error body style of its service (`text` for IVOA services). */
  errorStyle: ErrorStyle;
}

/** Options of {@link openapiValidator}. */
export interface OpenApiValidatorOptions {
  /**
   * Path prefixes whose parameters are not checked (served by components that
   * validate for themselves and answer in their own error format, such as the
   * OIDC provider); undeclared methods still get 405.
   */
  skipParameters?: readonly string[];
}

/**
 * Middleware that holds requests to the OpenAPI specs: a path the specs
 * describe answers 405 (with `Allow`) to a method they do not declare, and
 * its path and query parameters are validated against their
 * schemas (400 naming the parameter). Paths no spec describes pass through.
 * Bodies are validated by the routes that parse them.
 */
export function openapiValidator(
  specFiles: readonly SpecFile[],
  options: OpenApiValidatorOptions = {},
): RequestHandler {
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: 'array', validateFormats: true });
  addFormats.default(ajv);
  const routes = specFiles.flatMap((file) => compileRoutes(loadSpec(file.path), ajv, file.errorStyle));
  const skip = options.skipParameters ?? [];

  return (req: Request, res: Response, next: NextFunction) => {
    const route = routes.find((r) => r.pattern.test(req.path));
    if (route === undefined) {
      next();
      return;
    }
    res.locals.errorStyle = route.errorStyle;
    const method = req.method === 'HEAD' && !route.operations.has('HEAD') ? 'GET' : req.method;
    const operation = route.operations.get(method);
    if (operation === undefined) {
      const allow = [...route.operations.keys()];
      if (allow.includes('GET')) allow.push('HEAD');
      throw new MethodNotAllowedError(`${req.method} is not allowed on ${route.template}`, allow);
    }
    if (skip.some((prefix) => req.path === prefix || req.path.startsWith(`${prefix}/`))) {
      next();
      return;
    }
    const match = route.pattern.exec(req.path) ?? [];
    for (const parameter of operation.parameters) {
      let value: unknown;
      if (parameter.in === 'path') {
        const raw = match[route.names.indexOf(parameter.name) + 1];
        value = raw === undefined ? undefined : safeDecode(raw);
      } else if (parameter.in === 'query') {
        value = req.query[parameter.name];
      } else {
        // Header parameters are informational in these specs (X-Skaha-Authentication-Type); cookies carry credentials.
        continue;
      }
      if (value === undefined) {
        if (parameter.required) throw new BadRequestError(`${parameter.in} parameter ${parameter.name} is required`);
        continue;
      }
      if (!parameter.isArray && Array.isArray(value)) {
        throw new BadRequestError(`${parameter.in} parameter ${parameter.name} must be given once`);
      }
      // Validate a copy: coercion rewrites its input.
      const holder = { value: structuredClone(value) };
      if (!parameter.validate(holder.value)) {
        throw new BadRequestError(`${parameter.in} parameter ${parameter.name}: ${describeErrors(parameter.validate)}`);
      }
    }
    next();
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new BadRequestError('malformed percent-encoding in the path');
  }
}
