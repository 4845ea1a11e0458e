import { html, type Html } from './html.js';

/**
 * Any JSON value as HTML tables, without knowing its fields: an object of scalars is a two-column
 * table, an array of objects a table with one column per field, anything nested the same again
 * under a heading. The manifest's `detection` section (weights, model quality) is shown this way,
 * so a field added there appears in the report with no change here.
 */
export function valueTables(value: unknown, title?: string, depth = 0): Html {
  const heading = title === undefined ? html`` : depth <= 0 ? html`<h3>${title}</h3>` : html`<h4>${title}</h4>`;
  if (isScalar(value)) return html`${heading}<p>${scalar(value)}</p>`;
  if (Array.isArray(value)) {
    if (value.every(isScalar)) return html`${heading}<p>${value.map(scalar).join(', ')}</p>`;
    if (value.every(isFlatObject)) {
      const columns = [...new Set(value.flatMap((row) => Object.keys(row)))];
      return html`${heading}<table><thead><tr>${columns.map((c) => html`<th>${c}</th>`)}</tr></thead><tbody>${value.map((row) => html`<tr>${columns.map((c) => cell(row[c]))}</tr>`)}</tbody></table>`;
    }
    return html`${heading}${value.map((v, i) => valueTables(v, `${title ?? ''}[${i}]`, depth + 1))}`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const isFlat = (v: unknown) => isScalar(v) || (Array.isArray(v) && v.every(isScalar));
  const flat = entries.filter(([, v]) => isFlat(v));
  const nested = entries.filter(([, v]) => !isFlat(v));
  const table = flat.length > 0 ? html`<table class="kv"><tbody>${flat.map(([k, v]) => html`<tr><th>${k}</th>${cell(v)}</tr>`)}</tbody></table>` : html``;
  return html`${heading}${table}${nested.map(([k, v]) => valueTables(v, k, depth + 1))}`;
}

function isScalar(v: unknown): v is string | number | boolean | null {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

function isFlatObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => isScalar(x) || (Array.isArray(x) && x.every(isScalar)));
}

function scalar(v: string | number | boolean | null): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) < 1 ? 4 : 2);
  return v === null ? '—' : String(v);
}

function cell(v: unknown): Html {
  if (v === undefined) return html`<td></td>`;
  const text = Array.isArray(v) ? v.map((x) => scalar(x as never)).join(', ') : scalar(v as never);
  return typeof v === 'number' ? html`<td class="n">${text}</td>` : html`<td>${text}</td>`;
}
