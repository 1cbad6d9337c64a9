/**
 * The built-in report template precompiled, file by file. This placeholder is empty: the add-in's
 * build replaces it with the templates as code (src/addin/build/precompile-template-loader.mjs), so
 * the task pane renders the report without compiling anything at run time (its Content Security
 * Policy forbids eval). Outside that build (Node tests), `builtInCompiledTemplate` compiles the
 * files instead.
 */
import type { PrecompiledSpecs } from '../../report/index.js';

const specs: PrecompiledSpecs = {};
export default specs;
