/**
 * Identifier kinds become node labels (`device` → `Device`, `national_id` → `NationalId`). Cypher
 * cannot take a label as a plain parameter, so the sink sets it with Neo4j 5.26's dynamic label
 * syntax (`SET i:$(row.label)`): the label still travels as a parameter, never spliced into the
 * statement text. It is validated here anyway, so an odd kind can never yield an odd label.
 */
const LABEL = /^[A-Z][A-Za-z0-9]*$/;

/** Kinds whose PascalCase form is not the label analysts expect. */
const spelled: Record<string, string> = { ip: 'IP' };

/** Labels the graph already uses for other things; an identifier kind must not borrow them. */
const reserved = new Set(['Account', 'Identifier', 'FraudCluster', 'BlacklistCandidate', 'PipelineRun', 'Current', 'Hub']);

export function kindLabel(kind: string): string {
  let label = spelled[kind] ?? kind.split('_').filter(Boolean).map((part) => part[0]!.toUpperCase() + part.slice(1)).join('');
  if (reserved.has(label)) label = `${label}Identifier`;
  if (!LABEL.test(label)) throw new Error(`identifier kind ${JSON.stringify(kind)} does not make a valid label (${JSON.stringify(label)})`);
  return label;
}
