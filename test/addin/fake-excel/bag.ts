/**
 * Formatting and settings objects (`range.format.font`, `chart.title`, `sheet.pageLayout`, …)
 * have dozens of scalar properties. The double records any of them by dotted path instead of
 * modelling each one, while still refusing to let code read a property it never loaded.
 */
import type { FakeRequestContext } from './context.js';
import { FakeOfficeError, propertyNotLoaded } from './errors.js';

/** Property names that are objects (navigations) rather than scalar values. */
const NESTED = new Set([
  'font',
  'fill',
  'borders',
  'title',
  'legend',
  'axes',
  'valueAxis',
  'categoryAxis',
  'seriesAxis',
  'dataLabels',
  'format',
  'line',
  'majorGridlines',
  'minorGridlines',
  'headersFooters',
  'defaultForAllPages',
  'leftMargin',
  'zoom',
]);

export interface BagTarget {
  typeName: string;
  context: FakeRequestContext;
  /** Applies `path = value` to the model (runs during sync; may throw the API's errors). */
  apply(path: string, value: unknown): void;
  /** Methods of the object, by name (e.g. `clear`, `getItem`, `setPrintTitleRows`). */
  methods?: Record<string, (path: string, ...args: unknown[]) => unknown>;
}

/** Values Office.js can serialise: scalars, arrays and plain option objects (e.g. `zoom`). */
function isPlainValue(v: unknown): boolean {
  if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) return true;
  if (Array.isArray(v)) return v.every(isPlainValue);
  return (
    typeof v === 'object' &&
    Object.getPrototypeOf(v) === Object.prototype &&
    Object.values(v).every(isPlainValue)
  );
}

/** A proxy object recording property writes under `prefix`. */
export function propertyBag<T extends object>(target: BagTarget, prefix = ''): T {
  const path = (p: string) => (prefix ? `${prefix}.${p}` : p);
  return new Proxy({} as T, {
    get(_, prop) {
      if (typeof prop === 'symbol') return undefined;
      if (prop === 'context') return target.context;
      if (prop === 'toJSON') return () => ({});
      if (prop === 'then') return undefined;
      if (prop === 'load') {
        return () => {
          throw new FakeOfficeError(
            'InvalidOperation',
            `The Excel double does not load ${target.typeName}.${path('*')} (the add-in should not need it).`,
          );
        };
      }
      const method = target.methods?.[prop];
      if (method) return (...args: unknown[]) => method(prefix, ...args);
      if (prop === 'clear' && prefix) {
        // `fill.clear()`, `font.clear()`…: forget what was set under this prefix.
        return () =>
          target.context.enqueue({
            what: `${target.typeName}.${prefix}.clear()`,
            run: () => target.apply(prefix, null),
          });
      }
      if (NESTED.has(prop)) return propertyBag(target, path(prop));
      throw propertyNotLoaded(target.typeName, path(prop));
    },
    set(_, prop, value) {
      if (typeof prop === 'symbol') return false;
      if (!isPlainValue(value)) {
        throw new FakeOfficeError(
          'InvalidArgument',
          `${target.typeName}.${path(prop)} must be a plain value.`,
        );
      }
      const full = path(prop);
      target.context.enqueue({
        what: `${target.typeName}.${full} = ${JSON.stringify(value)}`,
        payload: value,
        run: () => target.apply(full, value),
      });
      return true;
    },
  });
}
