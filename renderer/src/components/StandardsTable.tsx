import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import type { StandardSummary } from '../../../common/catalogue';
import { ownerLabel } from '../../../common/catalogue-search';
import { href } from '../router';
import { ConfidenceBadge, StatusBadge } from './Badges';

const column = createColumnHelper<StandardSummary>();

function years(s: StandardSummary): string {
  if (s.yearPublished === null && s.yearRevised === null) return 'onbekend';
  if (s.yearRevised === null || s.yearRevised === s.yearPublished) return String(s.yearPublished ?? s.yearRevised);
  if (s.yearPublished === null) return `herz. ${s.yearRevised}`;
  return `${s.yearPublished} / herz. ${s.yearRevised}`;
}

const ROW_HEIGHT = 52;

/**
 * The catalogue as a real <table> (screen readers announce rows and columns) that only renders the
 * rows in view; spacer rows keep the scroll height right.
 */
export function StandardsTable({ rows, typeLabel, onOpenFirst }: { rows: StandardSummary[]; typeLabel: (v: string) => string; onOpenFirst?: () => void }) {
  const columns = useMemo(
    () => [
      column.accessor('title', {
        header: 'Titel',
        cell: (info) => {
          const s = info.row.original;
          return (
            <div className="title-cell">
              <a href={href.standard(s.id)} className="row-link" data-standard-id={s.id}>
                {s.title}
              </a>
              {s.shortTitle && <span className="muted small">{s.shortTitle}</span>}
            </div>
          );
        },
      }),
      column.accessor('type', { header: 'Type', cell: (info) => typeLabel(info.getValue()) }),
      column.accessor((s) => s.owners.filter((o) => o.role !== 'ontwikkelaar').map(ownerLabel).join(', ') || s.ownerText || '—', {
        id: 'owners',
        header: 'Eigenaar',
        cell: (info) => <span className="clamp">{info.getValue()}</span>,
      }),
      column.accessor(years, { id: 'years', header: 'Jaar' }),
      column.display({ id: 'status', header: 'Status', cell: (info) => <StatusBadge status={info.row.original.status} retired={info.row.original.retired} /> }),
      column.display({ id: 'confidence', header: 'Betrouwbaarheid', cell: (info) => <ConfidenceBadge confidence={info.row.original.confidence} /> }),
    ],
    [typeLabel],
  );
  const table = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel(), getRowId: (s) => s.id });
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const tableRows = table.getRowModel().rows;
  const top = items[0]?.start ?? 0;
  const bottom = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;

  return (
    <div className="table-scroll" ref={scrollRef} tabIndex={-1} onKeyDown={(e) => e.key === 'Home' && e.ctrlKey && onOpenFirst?.()}>
      <table className="standards-table" aria-rowcount={rows.length + 1} aria-label="Kwaliteitsstandaarden">
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} aria-rowindex={1}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col" className={`col-${header.column.id}`}>
                  {flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {top > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={columns.length} style={{ height: top }} />
            </tr>
          )}
          {items.map((item) => {
            const row = tableRows[item.index];
            if (!row) return null;
            return (
              <tr key={row.id} aria-rowindex={item.index + 2} className={row.original.retired ? 'retired' : undefined}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className={`col-${cell.column.id}`}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            );
          })}
          {bottom > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={columns.length} style={{ height: bottom }} />
            </tr>
          )}
        </tbody>
      </table>
      {rows.length === 0 && <p className="empty">Geen standaarden gevonden. Probeer een ander zoekwoord of wis de filters.</p>}
    </div>
  );
}
