/**
 * How the add-in reaches Excel: `Excel.run` in the task pane, the double's `run` in tests. Every
 * operation takes one, so none of them touches a global.
 */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
