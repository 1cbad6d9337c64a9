/* global window */
/*
 * Loaded just before old-webview.js, as a file of its own (the pane's Content Security Policy
 * allows no inline script and the guard compiles nothing). It is written in the syntax the task
 * pane's bundle needs (ES2020: `?.` and `??`; tsconfig.addin.json), so an engine that cannot parse
 * the bundle cannot parse this file either, and the flag stays unset.
 */
window.dmfSyntaxOk = window.dmfSyntaxProbe?.missing ?? true;
