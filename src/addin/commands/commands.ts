/**
 * The function file the manifest names (`FunctionFile`). The ribbon button only opens the task
 * pane, so there is nothing to run; Office still loads this page and waits for it to be ready.
 */
Office.onReady(() => undefined);
