// A table that becomes a list of cards on a phone (≤ 640 px, styles.css): each row a card, each
// cell under its column's label, so that no column is ever off-screen. The table keeps its
// semantics (caption, column and row headers) for screen readers at every width; the labels
// repeated in the cards are for the eyes only.
import type { ComponentChildren } from 'preact';

export interface Column<Row> {
  /** Stable key of the column. */
  key: string;
  label: ComponentChildren;
  /** The label is read but not shown in the header (an actions column). */
  hiddenLabel?: boolean;
  cell: (row: Row) => ComponentChildren;
  /** The cell names its row (a <th scope="row">): the card's title on a phone. */
  rowHeader?: boolean;
  class?: string;
}

export function ResponsiveTable<Row>({
  label,
  caption,
  captionHidden = true,
  columns,
  rows,
  rowKey,
  rowClass,
  class: className,
}: {
  /** Names the region that holds the table (it scrolls sideways when a wide screen is not enough). */
  label: string;
  caption: ComponentChildren;
  captionHidden?: boolean;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  rowClass?: (row: Row) => string | undefined;
  class?: string;
}) {
  return (
    <div class="responsive-table" role="region" aria-label={label} tabIndex={0}>
      <table class={className ? `cards-on-phone ${className}` : 'cards-on-phone'}>
        <caption class={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column.key} class={column.class}>
                {column.hiddenLabel ? <span class="visually-hidden">{column.label}</span> : column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} class={rowClass?.(row)}>
              {columns.map((column) => {
                const content = (
                  <>
                    {!column.rowHeader && !column.hiddenLabel && (
                      <span class="cell-label" aria-hidden="true">
                        {column.label}
                      </span>
                    )}
                    <span class="cell-value">{column.cell(row)}</span>
                  </>
                );
                return column.rowHeader ? (
                  <th scope="row" key={column.key} class={column.class}>
                    {content}
                  </th>
                ) : (
                  <td key={column.key} class={column.class}>
                    {content}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
