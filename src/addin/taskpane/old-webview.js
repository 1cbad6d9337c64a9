/* global document */
/*
 * Runs before the task pane's bundle, and is written in ECMAScript 5 so that every web view
 * Office has used can parse it (test/addin/old-webview.test.ts parses it with ecmaVersion 5).
 *
 * The bundle is modern JavaScript (ES2022: `?.`, `??`). Office 2016 and 2019 bought outright
 * (not Microsoft 365) show add-ins in Internet Explorer 11 or in the first Microsoft Edge
 * (EdgeHTML), depending on the Windows version; neither can parse it, and the pane would stay on
 * "Loading…". Microsoft's advice is to show a message there rather than fail silently
 * ("Support older Microsoft webviews and Office versions"; see docs/addin-platforms.md).
 */
(function () {
  var modern = true;
  try {
    // Compiling (not running) a line of the syntax the bundle uses is the test.
    new Function('var a = {}; return a?.b ?? 0;');
  } catch (e) {
    // Only a syntax error means an old engine; a policy that forbids compiling proves nothing.
    modern = !(e instanceof SyntaxError);
  }
  if (modern) return;

  function show() {
    var loading = document.getElementById('loading');
    var box = document.getElementById('host-too-old');
    var text = document.getElementById('host-too-old-text');
    if (!box || !text) return;
    if (loading) {
      loading.hidden = true;
      loading.style.display = 'none';
    }
    box.getElementsByTagName('h2')[0].innerText = 'This version of Excel cannot run the assessment';
    text.innerText =
      'This Excel shows add-ins in an older web browser (Internet Explorer or the first Microsoft Edge) ' +
      'that cannot run this add-in. Open the workbook in Excel on the web, or in Excel for Microsoft 365 ' +
      'on Windows or Mac. You can also fill in the workbook without the add-in: every sheet works on its own.';
    box.hidden = false;
    box.style.display = 'block';
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
  else show();
})();
