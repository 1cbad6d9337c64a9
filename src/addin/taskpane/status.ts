/**
 * Progress and errors. The status line is a polite live region (screen readers announce each
 * step); errors go to an alert box that takes focus, so they are never only in the console.
 * While a step runs, every action button is disabled, so nobody starts two steps at once.
 */
import { describeError } from './errors.js';

export class Feedback {
  constructor(
    private readonly status: HTMLElement,
    private readonly errorBox: HTMLElement,
    private readonly errorText: HTMLElement,
    private readonly buttons: readonly HTMLButtonElement[],
    private readonly main: HTMLElement,
  ) {}

  /** Shows a step in progress. */
  busy(message: string): void {
    this.clearError();
    this.status.dataset.busy = 'true';
    this.status.textContent = message;
    this.main.setAttribute('aria-busy', 'true');
    for (const b of this.buttons) b.disabled = true;
  }

  /** Ends a step with a short message (or none). */
  done(message = ''): void {
    delete this.status.dataset.busy;
    this.status.textContent = message;
    this.main.removeAttribute('aria-busy');
    for (const b of this.buttons) b.disabled = false;
  }

  /** Ends a step with an error shown in the pane. */
  fail(error: unknown): void {
    this.done('');
    this.errorText.textContent = describeError(error);
    this.errorBox.hidden = false;
    this.errorBox.focus();
    console.error(error);
  }

  clearError(): void {
    this.errorBox.hidden = true;
    this.errorText.textContent = '';
  }

  /** Runs a step with its progress message; `finished` gives the closing message. */
  async run<T>(
    message: string,
    step: () => Promise<T>,
    finished: (value: T) => string,
  ): Promise<T | undefined> {
    this.busy(message);
    try {
      const value = await step();
      this.done(finished(value));
      return value;
    } catch (e) {
      this.fail(e);
      return undefined;
    }
  }
}
