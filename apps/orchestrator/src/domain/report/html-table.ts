import type { Table } from '../round-table';
import { escapeHtml } from './escape-html';

/** A table of text cells, escaped; it scrolls sideways in its own box rather than widening the page. */
export function htmlTable(table: Table): string {
  const row = (cells: string[], tag: string) => `<tr>${cells.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join('')}</tr>`;
  return `<div class="scroll"><table><thead>${row(table.headers, 'th')}</thead><tbody>${table.rows.map((r) => row(r, 'td')).join('')}</tbody></table></div>`;
}
