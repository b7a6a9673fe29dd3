/** A column of a {@link renderTable} table. */
export interface Column<T> {
  /** Header text. */
  header: string;
  /** Cell text for a row. */
  value: (row: T) => string;
}

/**
 * Plain-text table, columns padded to their widest cell, two spaces apart:
 * readable in a terminal and easy to cut with awk (no borders, no colour).
 */
export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = [
    columns.map((c) => c.header),
    ...rows.map((row) => columns.map((c) => c.value(row).replace(/\s+/g, ' '))),
  ];
  const widths = columns.map((_, i) => Math.max(...cells.map((line) => (line[i] ?? '').length)));
  return cells
    .map((line) =>
      line
        .map((cell, i) => (i === line.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
