/**
 * The built-in report template ("ministerial") as the renderer takes it: file path → text. The
 * files are bundled as text by webpack (asset/source), so the report chunk needs no server.
 */
import type { TemplateFiles } from '../../report/index.js';

/** The part of webpack's `import.meta.webpackContext` used here (webpack ≥ 5.70). */
interface WebpackContext {
  keys(): string[];
  (request: string): unknown;
}

declare global {
  interface ImportMeta {
    webpackContext(request: string, options: { recursive?: boolean; regExp?: RegExp }): WebpackContext;
  }
}

export function builtInTemplate(): TemplateFiles {
  const context = import.meta.webpackContext('../../../templates/ministerial', {
    recursive: true,
    regExp: /\.(hbs|css|json)$/,
  });
  const files: Record<string, string> = {};
  for (const key of context.keys()) {
    const source: unknown = context(key);
    files[key.replace(/^\.\//, '')] =
      typeof source === 'string' ? source : String((source as { default?: unknown }).default ?? '');
  }
  return files;
}
