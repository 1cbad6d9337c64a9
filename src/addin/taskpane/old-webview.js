/* global document, window, setTimeout */
/*
 * Runs before the task pane's bundle, and is written in ECMAScript 5 so that every web view
 * Office has used can parse it (test/addin/old-webview.test.ts parses it with ecmaVersion 5).
 *
 * The bundle is ES2020 (`?.`, `??`). Office 2016 and 2019 bought outright (not Microsoft 365) show
 * add-ins in Internet Explorer 11 or in the first Microsoft Edge (EdgeHTML), depending on the
 * Windows version; neither can parse it, and the pane would stay on "Loading…". Microsoft's advice
 * is to show a message there rather than fail silently ("Support older Microsoft webviews and
 * Office versions"; see docs/addin-platforms.md). Three checks, none of which compiles code (the
 * pane's Content Security Policy allows no eval):
 * 1. syntax-probe.js, loaded just before, sets `dmfSyntaxOk` only where the bundle's syntax parses;
 * 2. an error in one of the add-in's own scripts while "Loading…" is shown (`window.onerror`)
 *    explains instead of leaving the pane blank;
 * 3. if "Loading…" is still shown after STILL_LOADING_MS, it says the Office may be too old.
 */
(function () {
  var STILL_LOADING_MS = 20000;
  var OLD_BROWSER =
    'This Excel shows add-ins in an older web browser (Internet Explorer, the first Microsoft Edge, or ' +
    'an older Safari on a Mac or iPad) that cannot run this add-in. Open the workbook in Excel on the web, ' +
    'or in an up-to-date Excel for Microsoft 365 on Windows or Mac. You can also fill in the workbook ' +
    'without the add-in: every sheet works on its own.';

  function loadingShown() {
    var loading = document.getElementById('loading');
    return Boolean(loading && !loading.hidden);
  }

  function explain(title, text) {
    var loading = document.getElementById('loading');
    var box = document.getElementById('host-too-old');
    var message = document.getElementById('host-too-old-text');
    if (!box || !message) return;
    if (loading) {
      loading.hidden = true;
      loading.style.display = 'none';
    }
    box.getElementsByTagName('h2')[0].innerText = title;
    message.innerText = text;
    box.hidden = false;
    box.style.display = 'block';
  }

  function whenReady(fn) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn);
    else fn();
  }

  if (window.dmfSyntaxOk !== true) {
    whenReady(function () {
      explain('This version of Excel cannot run the assessment', OLD_BROWSER);
    });
    return;
  }

  // An error in the add-in's own scripts before the pane has started (the bundle explains the
  // errors it catches itself; Office's scripts are on another origin and are left alone).
  var origin = window.location.protocol + '//' + window.location.host + '/';
  window.onerror = function (message, source) {
    if (typeof source === 'string' && source.indexOf(origin) === 0 && loadingShown()) {
      var what = String(message).slice(0, 200);
      // One argument per line would end in a comma, which ECMAScript 5 does not allow.
      var text = 'Something in this version of Excel stopped the add-in from starting (' + what + '). ';
      var next = 'Open the workbook in Excel on the web, or update Office.';
      explain('The add-in could not start', text + next);
    }
    return false;
  };

  setTimeout(function () {
    if (!loadingShown()) return;
    var loading = document.getElementById('loading');
    loading.innerText =
      'Still loading. If this message stays, your version of Office may be too old to run this add-in: ' +
      'open the workbook in Excel on the web, or update Office.';
  }, STILL_LOADING_MS);
})();
