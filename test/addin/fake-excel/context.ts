/**
 * The request context and proxy base of the Excel API double.
 *
 * Like Office.js, nothing happens when code sets a property or calls a method: the call is queued,
 * and `context.sync()` sends the queue as one request. The double keeps the rules that bite:
 * - a property can be read only after `load()` and `sync()` (otherwise `PropertyNotLoaded`);
 * - an operation that fails rejects the sync; operations before it stay applied, later ones are dropped;
 * - a request or response over 5 MB fails (Excel on the web's payload limit);
 * - proxies are tied to their context and die when `Excel.run` ends.
 * Every sync is counted, with its size, so tests can hold the add-in to its round-trip budget.
 */
import { FakeOfficeError, propertyNotLoaded } from './errors.js';
import type { WorkbookModel } from './model.js';

/** Excel on the web refuses requests and responses larger than 5 MB. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

export interface Operation {
  /** What the operation does, for error messages: "Range.values set on 'Summary'!A1:B2". */
  what: string;
  /** The operation's arguments as Office.js would serialise them (counts towards the request size). */
  payload?: unknown;
  run(): void;
}

/** One `context.sync()` as the double saw it. */
export interface SyncRecord {
  operations: number;
  requestBytes: number;
  responseBytes: number;
}

const byteLength = (v: unknown): number =>
  v === undefined ? 0 : new TextEncoder().encode(JSON.stringify(v)).length;

export class FakeRequestContext {
  readonly syncs: SyncRecord[] = [];
  private queue: Operation[] = [];
  private responseBytes = 0;
  private closed = false;
  private readonly nullables = new Set<FakeClientObject>();

  constructor(readonly model: WorkbookModel) {}

  /** Number of `context.sync()` round trips so far. */
  get syncCount(): number {
    return this.syncs.length;
  }

  get pendingOperations(): number {
    return this.queue.length;
  }

  enqueue(op: Operation): void {
    if (this.closed) {
      throw new FakeOfficeError(
        'InvalidObjectPath',
        `${op.what}: this object belongs to a request context that has ended (Excel.run has finished).`,
      );
    }
    this.queue.push(op);
  }

  /** Proxies whose `isNullObject` must be known after the next sync. */
  trackNullable(obj: FakeClientObject): void {
    this.nullables.add(obj);
  }

  /** Counts a loaded value towards the response size. */
  addResponse(value: unknown): void {
    this.responseBytes += byteLength(value);
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    this.responseBytes = 0;
    const requestBytes = ops.reduce((n, op) => n + byteLength(op.payload) + op.what.length, 0);
    const record: SyncRecord = { operations: ops.length, requestBytes, responseBytes: 0 };
    this.syncs.push(record);
    // Let the caller's microtasks run first, as a real round trip would.
    await Promise.resolve();
    if (requestBytes > PAYLOAD_LIMIT_BYTES) {
      throw new FakeOfficeError(
        'RequestPayloadSizeLimitExceeded',
        `The request payload size (${requestBytes} bytes) has exceeded the limit of 5 MB.`,
      );
    }
    for (const op of ops) {
      try {
        op.run();
      } catch (e) {
        if (e instanceof FakeOfficeError && !e.debugInfo.errorLocation) {
          e.debugInfo.errorLocation = op.what;
        }
        throw e;
      }
    }
    for (const obj of this.nullables) obj._settleNull();
    record.responseBytes = this.responseBytes;
    if (this.responseBytes > PAYLOAD_LIMIT_BYTES) {
      throw new FakeOfficeError(
        'ResponsePayloadSizeLimitExceeded',
        `The response payload size (${this.responseBytes} bytes) has exceeded the limit of 5 MB.`,
      );
    }
  }

  /** Ends the context: later use of its proxies fails, as after `Excel.run` in Office.js. */
  close(): void {
    this.closed = true;
  }
}

export type LoadOption = string | string[] | { select?: string; expand?: string } | undefined;

/** Property names from any of the forms `load()` accepts. */
export function loadNames(option: LoadOption, all: readonly string[]): string[] {
  if (option === undefined) return [...all];
  const text =
    typeof option === 'string' ? option : Array.isArray(option) ? option.join(',') : (option.select ?? '');
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return names.length ? names : [...all];
}

/**
 * Base of every proxy. Subclasses say which scalar properties they have and how to read each one
 * from the model (`readProperty`); loaded values are snapshots taken when the sync runs the load.
 */
export abstract class FakeClientObject {
  private readonly loaded = new Map<string, unknown>();
  private nullState: boolean | undefined;

  constructor(
    readonly context: FakeRequestContext,
    /** True when this proxy came from an `…OrNullObject` call, directly or through a parent. */
    protected readonly nullable: boolean,
  ) {
    if (nullable) context.trackNullable(this);
  }

  /** The name Office.js gives the type, for error messages. */
  protected abstract readonly typeName: string;
  /** Scalar properties a bare `load()` loads. */
  protected abstract readonly scalarProperties: readonly string[];
  /** Whether the object exists in the model at this moment (for null objects). */
  protected abstract exists(): boolean;
  /** Reads one scalar property from the model; called while a sync runs a load. */
  protected abstract readProperty(name: string): unknown;

  get isNullObject(): boolean {
    if (!this.nullable) return false;
    if (this.nullState === undefined) throw propertyNotLoaded(this.typeName, 'isNullObject');
    return this.nullState;
  }

  /** @internal called by the context after each sync. */
  _settleNull(): void {
    this.nullState = !this.exists();
  }

  load(option?: LoadOption): this {
    const names = loadNames(option, this.scalarProperties);
    for (const n of names) {
      if (!this.scalarProperties.includes(n)) {
        throw new FakeOfficeError('InvalidArgument', `${this.typeName} has no property "${n}" to load.`);
      }
    }
    this.context.enqueue({
      what: `${this.typeName}.load(${names.join(', ')})`,
      run: () => this._loadNow(names),
    });
    return this;
  }

  /** @internal Snapshots properties now; for loads that run inside a sync (collection items). */
  _loadNow(names: readonly string[]): void {
    if (this.nullable && !this.exists()) return;
    for (const n of names) {
      const v = this.readProperty(n);
      this.context.addResponse(v);
      this.loaded.set(n, v);
    }
  }

  /** Reads a loaded property, throwing `PropertyNotLoaded` as Office.js does. */
  protected loadedValue<T>(name: string): T {
    if (!this.loaded.has(name)) throw propertyNotLoaded(this.typeName, name);
    return this.loaded.get(name) as T;
  }

  /** Queues a change; fails at sync time on a null object, as a write to nothing would. */
  protected queue(what: string, payload: unknown, run: () => void): void {
    this.context.enqueue({
      what: `${this.typeName}.${what}`,
      payload,
      run: () => {
        if (this.nullable && !this.exists()) {
          throw new FakeOfficeError(
            'InvalidOperation',
            `${this.typeName}.${what}: the object is a null object.`,
          );
        }
        run();
      },
    });
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}
