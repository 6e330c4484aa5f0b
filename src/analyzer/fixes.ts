import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

export interface Splice {
  readonly range: readonly [number, number];
  readonly text: string;
}

/** The text of `node` with `splices` (absolute ranges inside it) applied. */
export function spliceNodeText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, splices: readonly Splice[]): string {
  const [start, end] = node.range;
  let out = '';
  let cursor = start;
  for (const splice of [...splices].sort((a, b) => a.range[0] - b.range[0])) {
    if (splice.range[0] < cursor || splice.range[1] > end) throw new Error('overlapping splice');
    out += sourceCode.text.slice(cursor, splice.range[0]) + splice.text;
    cursor = splice.range[1];
  }
  return out + sourceCode.text.slice(cursor, end);
}

/**
 * A fixer that makes `name` importable from `source`: adds it to an existing named import of that
 * module, or inserts a new import declaration after the last import (or at the top). Returns `null`
 * when nothing is needed, and `undefined` when the file uses `require` only and no safe edit exists.
 */
export function ensureNamedImport(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fixer: TSESLint.RuleFixer,
  source: string,
  name: string,
): TSESLint.RuleFix | null | undefined {
  const program = sourceCode.ast;
  let lastImport: TSESTree.ImportDeclaration | undefined;
  for (const stmt of program.body) {
    if (stmt.type !== AST_NODE_TYPES.ImportDeclaration) continue;
    lastImport = stmt;
    if (stmt.source.value !== source || stmt.importKind === 'type') continue;
    const named = stmt.specifiers.filter((s): s is TSESTree.ImportSpecifier => s.type === AST_NODE_TYPES.ImportSpecifier);
    if (named.some((s) => s.local.name === name)) return null;
    const last = named[named.length - 1];
    if (last) return fixer.insertTextAfter(last, `, ${name}`);
    if (stmt.specifiers.length === 1 && stmt.specifiers[0]!.type === AST_NODE_TYPES.ImportDefaultSpecifier) {
      return fixer.insertTextAfter(stmt.specifiers[0]!, `, { ${name} }`);
    }
  }
  if (program.sourceType !== 'module') return undefined;
  const text = `import { ${name} } from '${source}';`;
  return lastImport ? fixer.insertTextAfter(lastImport, `\n${text}`) : fixer.insertTextBeforeRange([0, 0], `${text}\n`);
}

/** Whether a file name is TypeScript (fixes may then use `as const`). */
export function isTypeScriptFile(filename: string): boolean {
  return /\.(?:[cm]?ts|tsx)$/.test(filename);
}

/** The indentation of the line `node` starts on. */
export function indentOf(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  return /^\s*/.exec(line)?.[0] ?? '';
}

/** Whether any comment lies inside `node` (fixes are skipped then, to keep comments). */
export function hasComments(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  return sourceCode.getCommentsInside(node).length > 0;
}

/** `{ fix }` when the rewrite is safe, else `{ suggest: [suggestion] }` (typescript-eslint's getFixOrSuggest). */
export function fixOrSuggest<MessageId extends string>(
  safe: boolean,
  suggestion: TSESLint.SuggestionReportDescriptor<MessageId>,
): { fix: TSESLint.ReportFixFunction } | { suggest: TSESLint.SuggestionReportDescriptor<MessageId>[] } {
  return safe ? { fix: suggestion.fix } : { suggest: [suggestion] };
}

/** The range that deletes `statement` together with its line (indentation and newline) when it stands alone on it. */
export function statementRemovalRange(sourceCode: Readonly<TSESLint.SourceCode>, statement: TSESTree.Node): [number, number] {
  const text = sourceCode.text;
  let from = statement.range[0];
  let to = statement.range[1];
  const lineStart = text.lastIndexOf('\n', from - 1) + 1;
  const lineEnd = text.indexOf('\n', to);
  const endOfLine = lineEnd === -1 ? text.length : lineEnd;
  if (/^[ \t]*$/.test(text.slice(lineStart, from)) && /^[ \t]*$/.test(text.slice(to, endOfLine))) {
    from = lineStart;
    to = lineEnd === -1 ? endOfLine : lineEnd + 1;
  }
  return [from, to];
}
