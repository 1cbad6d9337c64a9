/**
 * The requirement sets of a real host, enforced on the double. Every object the add-in reaches
 * from the request context is wrapped in a proxy that knows its Office.js class; using a member
 * (reading it, setting it, calling it, or naming it in `load`) that Microsoft documents in a
 * requirement set the host does not have queues a failure, so the next `context.sync()` rejects
 * with `ApiNotFound`, as Office.js does on an older Excel.
 *
 * The table is generated from the `[Api set: …]` tags of @types/office-js
 * (scripts/excel-api-sets.ts → excel-api-sets.json), never typed by hand.
 */
import sets from './excel-api-sets.json' with { type: 'json' };
import type { FakeRequestContext } from './context.js';
import { FakeOfficeError } from './errors.js';

interface ParamApi {
  name: string;
  set?: string;
  enum?: string;
  type?: string;
}
interface MemberApi {
  set: string | null;
  highest?: string;
  write?: string;
  type?: string;
  enum?: string;
  params?: ParamApi[];
}
const API = sets as Record<string, Record<string, MemberApi>>;

/** The requirement sets a pretend host has: ExcelApi up to a version, nothing else by default. */
export interface HostApi {
  /** Highest ExcelApi version, e.g. "1.8". */
  excelApi: string;
  /** Other sets it has in full, e.g. ["ExcelApiOnline 1.1"]. */
  others?: readonly string[];
}

const version = (v: string): [number, number] => {
  const [major = 0, minor = 0] = v.split('.').map(Number);
  return [major, minor];
};

/** True when `set` ("ExcelApi 1.14", or null for an untagged member) is available on the host. */
export function hostHas(host: HostApi, set: string | null): boolean {
  if (set === null) return true;
  if (host.others?.includes(set)) return true;
  const [name, v] = set.split(' ');
  if (name !== 'ExcelApi' || !v) return false;
  const [a, b] = version(v);
  const [x, y] = version(host.excelApi);
  return a < x || (a === x && b <= y);
}

/** `isSetSupported` as the pretend host answers it. */
export const isSetSupportedBy =
  (host: HostApi) =>
  (name: string, minVersion = '1.1'): boolean =>
    hostHas(host, `${name} ${minVersion}`);

const unwrapped = new WeakMap<object, object>();
const unwrap = (v: unknown): unknown => (typeof v === 'object' && v !== null ? (unwrapped.get(v) ?? v) : v);

/** The member's requirement, or undefined when the class or member is not in the table. */
const memberApi = (type: string, member: string): MemberApi | undefined => API[type]?.[member];

/** Queues a failure, so the next `context.sync()` rejects with `ApiNotFound` as Office.js does. */
export function refuseOn(
  context: FakeRequestContext,
  host: HostApi,
  type: string,
  member: string,
  set: string | null,
): void {
  context.enqueue({
    what: `${type}.${member}`,
    run: () => {
      throw new FakeOfficeError(
        'ApiNotFound',
        `The API you are trying to use could not be found (${type}.${member} needs ${set}; ` +
          `this host has ExcelApi ${host.excelApi}). It may be available in a newer version of Excel.`,
      );
    },
  });
}

/** The members of `Excel.run`'s options the host lacks (e.g. `mergeUndoGroup`, ExcelApi 1.20). */
export function missingRunOptions(host: HostApi, options: object): string[] {
  return Object.entries(options).flatMap(([key, v]) => {
    const api = memberApi('RunOptions', key);
    return v !== undefined && api && !hostHas(host, api.set) ? [`RunOptions.${key} needs ${api.set}`] : [];
  });
}

/**
 * `target` as the add-in sees it: a `type` object whose members are checked against the host.
 * Objects reached through it are wrapped in turn, with the class their declaration names.
 */
export function checkedApi<T extends object>(
  target: T,
  type: string,
  host: HostApi,
  context: FakeRequestContext,
): T {
  const refuse = (member: string, set: string | null) => refuseOn(context, host, type, member, set);
  const check = (member: string): MemberApi | undefined => {
    const api = memberApi(type, member);
    if (api && !hostHas(host, api.set)) refuse(member, api.set);
    return api;
  };
  /** An enum value the add-in passes or sets, e.g. charts.add('Funnel') (ExcelApi 1.9). */
  const checkEnum = (member: string, enumName: string | undefined, value: unknown) => {
    if (!enumName || typeof value !== 'string') return;
    const api = memberApi(enumName, value);
    if (api && !hostHas(host, api.set)) refuse(`${member}("${value}")`, api.set);
  };
  /** The members of an option object the add-in passes, e.g. protect({ allowEditObjects }) (1.7). */
  const checkOptions = (member: string, interfaceName: string | undefined, value: unknown) => {
    if (!interfaceName || typeof value !== 'object' || value === null || Array.isArray(value)) return;
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const api = memberApi(interfaceName, key);
      if (api && !hostHas(host, api.set)) refuse(`${member}({ ${key} })`, api.set);
      checkEnum(`${member}({ ${key} })`, api?.enum, v);
    }
  };
  /** Each argument passed: its parameter's own set, enum value or option members. */
  const checkArgs = (member: string, api: MemberApi | undefined, args: readonly unknown[]) => {
    api?.params?.forEach((p, i) => {
      const arg = args[i];
      if (arg === undefined) return;
      if (p.set && !hostHas(host, p.set)) refuse(`${member}(${p.name})`, p.set);
      checkEnum(member, p.enum, arg);
      checkOptions(member, p.type, arg);
    });
  };
  const wrap = (value: unknown, as: string | undefined): unknown =>
    as && API[as] && typeof value === 'object' && value !== null && !Array.isArray(value)
      ? checkedApi(value, as, host, context)
      : value;

  const proxy = new Proxy(target, {
    get(t, prop) {
      if (typeof prop === 'symbol') return Reflect.get(t, prop, t);
      const value: unknown = Reflect.get(t, prop, t);
      const api = check(prop);
      if (typeof value === 'function') {
        return (...args: unknown[]) => {
          if (prop === 'load') checkLoad(args[0]);
          checkArgs(prop, api, args);
          const result: unknown = (value as (...a: unknown[]) => unknown).apply(t, args.map(unwrap));
          return result === t ? proxy : wrap(result, api?.type);
        };
      }
      return wrap(value, api?.type);
    },
    set(t, prop, value) {
      if (typeof prop !== 'symbol') {
        const api = check(prop);
        // "ExcelApi 1.1 for get, 1.8 for set": setting needs the later set.
        if (api?.write && !hostHas(host, api.write)) refuse(`${prop} (set)`, api.write);
        checkEnum(prop, api?.enum, value);
        // An object set whole, e.g. dataValidation.rule = { list } (each member has its set).
        checkOptions(prop, api?.type, value);
      }
      return Reflect.set(t, prop, unwrap(value), t);
    },
  });
  /** `load('a, b/c')`, `load(['a'])`, `load({ select })`: the first name of each path is a member. */
  const checkLoad = (option: unknown) => {
    const text =
      typeof option === 'string'
        ? option
        : Array.isArray(option)
          ? option.join(',')
          : typeof option === 'object' && option !== null && 'select' in option
            ? String((option as { select?: unknown }).select ?? '')
            : '';
    for (const path of text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const [first, second] = path.split('/');
      if (first === 'items' && second) {
        // A collection's items: check the member on the item class.
        const item = Object.entries(API[type] ?? {}).find(([m]) => m === 'getItem')?.[1].type;
        const api = item ? memberApi(item, second) : undefined;
        if (api && !hostHas(host, api.set)) refuse(`items/${second}`, api.set);
      } else if (first) check(first);
    }
  };
  unwrapped.set(proxy, target);
  return proxy;
}
