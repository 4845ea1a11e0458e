import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

/** Every .ts file under dir, as paths relative to src/. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [relative(SRC, path)] : [];
  });
}

/**
 * Each file's relative imports and re-exports of files in src/ (type-only ones too: a type cycle is a design
 * cycle as much as a runtime one), resolved to files under src/, read by TypeScript's own scanner.
 */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const info = ts.preProcessFile(readFileSync(join(SRC, file), 'utf8'), true, true);
    const targets = info.importedFiles
      .map((imported) => imported.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => relative(SRC, resolve(SRC, dirname(file), name.replace(/\.js$/, '.ts'))))
      .filter((target) => !target.startsWith('..')); // pipelines/ and the like sit above src/
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/**
 * The folder a file belongs to for the folder rule: its top folder under src/ (snapshot, run,
 * generate, ...). A file directly in src/ (errors.ts, log.ts) is a unit of its own.
 */
function folderOf(file: string): string {
  const slash = file.indexOf('/');
  return slash === -1 ? file : file.slice(0, slash);
}

/** The strongly connected components of more than one node (Tarjan): each is a cycle, or several. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node)!, index.get(target)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}

describe('imports in src/', () => {
  const files = importGraph();

  it('finds the source files and their imports', () => {
    expect(files.size).toBeGreaterThan(150);
    expect(files.get('snapshot/read-snapshot.ts')).toContain('snapshot/csv-scanner.ts');
    // a re-export counts as an import
    expect(files.get('evaluate/evaluate-run.ts')).toContain('evaluate/format-evaluation.ts');
    for (const [file, targets] of files) for (const target of targets) expect(files.has(target), `${file} imports ${target}, which is not a source file`).toBe(true);
  });

  it('has no cycle among files', () => {
    expect(cycles(files)).toEqual([]);
  });

  it('has no cycle among the folders of src/', () => {
    const folders = new Map<string, string[]>();
    for (const [file, targets] of files) {
      const from = folderOf(file);
      const edges = folders.get(from) ?? [];
      for (const target of targets) if (folderOf(target) !== from && !edges.includes(folderOf(target))) edges.push(folderOf(target));
      folders.set(from, edges);
    }
    expect(cycles(folders)).toEqual([]);
  });

  it('would report a cycle', () => {
    const ring = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(cycles(ring)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });
});
