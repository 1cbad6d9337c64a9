/**
 * The built-in report template ("ministerial") as the renderer takes it: file path → text. The
 * files are bundled as text by webpack (asset/source), so the report chunk needs no server.
 */
import {
  compileTemplate,
  templateFromPrecompiled,
  type CompiledTemplate,
  type TemplateFiles,
} from '../../report/index.js';
import precompiled from './precompiled-template.js';

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

/**
 * The built-in template ready to render. In the add-in's build, from the templates precompiled at
 * build time (nothing is compiled in the pane, whose Content Security Policy forbids eval); where
 * the placeholder was not replaced (Node tests), compiled from the files.
 */
export function builtInCompiledTemplate(): CompiledTemplate {
  const files = builtInTemplate();
  return Object.keys(precompiled).length > 0
    ? templateFromPrecompiled(files, precompiled)
    : compileTemplate(files);
}
