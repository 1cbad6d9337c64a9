/**
 * Builds the Excel add-in (task pane, function file, download window, help page, manifest, icons)
 * into dist/.
 *
 *   npm run build                                   production build, offline, with the size report
 *   ADDIN_BASE_URL=https://host/path npm run build  the same, with the manifest pointing at that host
 *   npm run dev-server                              https://localhost:3000 with Office's dev certificates
 *   webpack --env testing                           also emits fake-office.js (the Excel API double)
 *                                                   for the browser test; never deployed
 *
 * TypeScript goes through ts-loader with type checking on, so a type error fails the build. The
 * report code (docx, Handlebars, templates) is only reached by a dynamic import(), so it lands in
 * its own chunk and the pane's initial JavaScript stays within budget: the build prints the gzipped
 * size of each entry's initial files and fails when the task pane is over it.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import CopyWebpackPlugin from 'copy-webpack-plugin';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import webpack from 'webpack';

const require = createRequire(import.meta.url);
const root = path.dirname(fileURLToPath(import.meta.url));
const DEV_URL = 'https://localhost:3000';
/** Initial JavaScript of the task pane, gzipped: the budget. */
const BUDGET_BYTES = 350 * 1024;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/**
 * Prints the gzipped size of every entry's initial JavaScript (and of the lazy chunks, for
 * information) and, in production builds, fails when the task pane's is over budget. Development
 * builds are not minified, so their sizes are printed for information only.
 */
class InitialSizeBudget {
  constructor({ enforce }) {
    this.enforce = enforce;
  }

  apply(compiler) {
    const report = [];
    compiler.hooks.thisCompilation.tap('InitialSizeBudget', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'InitialSizeBudget', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT },
        () => {
          report.length = 0;
          const gz = (file) => gzipSync(compilation.getAsset(file).source.buffer(), { level: 9 }).length;
          const initial = new Set();
          for (const [name, entry] of compilation.entrypoints) {
            const files = [...entry.getFiles()].filter((f) => f.endsWith('.js'));
            files.forEach((f) => initial.add(f));
            const bytes = files.reduce((n, f) => n + gz(f), 0);
            report.push(
              `  ${name.padEnd(14)} ${kb(bytes).padStart(10)} gzipped (initial: ${files.join(', ')})`,
            );
            if (this.enforce && name === 'taskpane' && bytes > BUDGET_BYTES) {
              compilation.errors.push(
                new webpack.WebpackError(
                  `The task pane's initial JavaScript is ${kb(bytes)} gzipped, over the ${kb(BUDGET_BYTES)} budget. ` +
                    `Load the heavy part lazily with import().`,
                ),
              );
            }
          }
          for (const chunk of compilation.chunks) {
            for (const f of chunk.files) {
              if (f.endsWith('.js') && !initial.has(f)) {
                report.push(`  ${'(lazy)'.padEnd(14)} ${kb(gz(f)).padStart(10)} gzipped ${f}`);
              }
            }
          }
        },
      );
    });
    compiler.hooks.done.tap('InitialSizeBudget', () => {
      if (report.length) {
        const rule = this.enforce ? '' : '; checked in production builds only';
        console.log(`\nJavaScript size (budget for the task pane: ${kb(BUDGET_BYTES)} gzipped${rule}):`);
        console.log(report.join('\n'));
      }
    });
  }
}

export default async function config(env = {}, argv = {}) {
  const mode = argv.mode ?? 'production';
  const serving = Boolean(env.WEBPACK_SERVE);
  const testing = Boolean(env.testing);
  const baseUrl = (process.env.ADDIN_BASE_URL ?? DEV_URL).replace(/\/+$/, '');
  if (!/^https:\/\/[^/]+/.test(baseUrl)) {
    throw new Error(
      `ADDIN_BASE_URL must be an https:// address (Office loads add-ins only over https): ${baseUrl}`,
    );
  }

  return {
    mode,
    context: root,
    // Webpack's own runtime and the minifier's output stay within ES2020, the level the sources are
    // compiled to (tsconfig.addin.json): every web view the add-in supports parses it.
    target: ['web', 'es2020'],
    // No eval-based source maps in development either: the pages' Content Security Policy forbids eval
    // outside the report chunk's template compiler (docs/security.md).
    devtool: mode === 'production' ? 'source-map' : 'cheap-module-source-map',
    entry: {
      taskpane: './src/addin/taskpane/index.ts',
      commands: './src/addin/commands/commands.ts',
      // The download window for the Word report (opened with displayDialogAsync).
      download: './src/addin/dialog/download.ts',
      ...(testing ? { 'fake-office': './test/addin/fake-office.ts' } : {}),
    },
    output: {
      path: path.join(root, 'dist'),
      filename: (chunk) => (chunk.chunk.name === 'fake-office' ? '[name].js' : '[name].[contenthash:8].js'),
      chunkFilename: '[name].[contenthash:8].js',
      publicPath: 'auto',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.js'],
      // Sources import './x.js' (NodeNext); the file on disk is x.ts.
      extensionAlias: { '.js': ['.ts', '.js'] },
    },
    module: {
      rules: [
        {
          // The report template, precompiled at build time: the pane compiles no code (its Content
          // Security Policy forbids eval). Replaces the placeholder module.
          test: /src[\\/]addin[\\/]report[\\/]precompiled-template\.ts$/,
          loader: path.join(root, 'src/addin/build/precompile-template-loader.mjs'),
          type: 'javascript/esm',
        },
        {
          test: /\.ts$/,
          exclude: [/node_modules/, /precompiled-template\.ts$/],
          loader: 'ts-loader',
          options: { configFile: path.join(root, 'tsconfig.addin.json'), onlyCompileBundledFiles: true },
        },
        {
          // Report templates travel inside the report chunk as text.
          test: /\.(hbs|css|json)$/,
          include: path.join(root, 'templates'),
          type: 'asset/source',
        },
      ],
    },
    performance: { hints: false },
    // One lazy file for the report (its libraries included) instead of a numbered vendors chunk.
    optimization: { splitChunks: false },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/addin/taskpane/taskpane.html',
        chunks: ['taskpane'],
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/addin/commands/commands.html',
        chunks: ['commands'],
      }),
      new HtmlWebpackPlugin({
        filename: 'download.html',
        template: './src/addin/dialog/download.html',
        chunks: ['download'],
      }),
      new HtmlWebpackPlugin({ filename: 'help.html', template: './src/addin/help/help.html', chunks: [] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'src/addin/taskpane/taskpane.css', to: 'taskpane.css' },
          // Plain ECMAScript 5, copied as written: it must parse where the bundle cannot.
          { from: 'src/addin/taskpane/old-webview.js', to: 'old-webview.js' },
          // ES2020, copied as written: parsed only where the bundle can be (sets a flag the guard reads).
          { from: 'src/addin/taskpane/syntax-probe.js', to: 'syntax-probe.js' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => content.toString().replaceAll(DEV_URL, baseUrl),
          },
        ],
      }),
      new InitialSizeBudget({ enforce: mode === 'production' }),
    ],
    devServer: serving
      ? {
          port: 3000,
          hot: false,
          headers: { 'Access-Control-Allow-Origin': '*' },
          server: {
            type: 'https',
            // Office's own development certificates (installed and trusted on first use).
            options: await require('office-addin-dev-certs').getHttpsServerOptions(),
          },
        }
      : undefined,
  };
}
