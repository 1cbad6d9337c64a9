/** "Check answers" → a problem → the cell: activates the sheet and selects the cell (one round trip). */

export async function goToCell(context: Excel.RequestContext, sheet: string, cell?: string): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(cell ?? 'A1').select();
  await context.sync();
}
