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

/** A part of a fix: the text that replaces a range (an insertion has an empty range). */
export interface ReplacedText {
  readonly range: readonly [number, number];
  readonly text: string;
}

/**
 * The import edits of a fix that makes `edits`: every `added` name made importable (as `ensureNamedImport`),
 * and every named import whose uses all lie inside the replaced ranges, and that the new texts do not
 * name, removed — so that `eq` replaced by `inArray` does not stay behind unused (an error under
 * `noUnusedLocals`). Undefined when an added name has no safe edit.
 */
export function importEdits(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fixer: TSESLint.RuleFixer,
  added: readonly (readonly [string, string])[],
  edits: readonly ReplacedText[],
): TSESLint.RuleFix[] | undefined {
  const fixes: TSESLint.RuleFix[] = [];
  const pending = added.filter(([source, name]) => !isImported(sourceCode, source, name));
  for (const stmt of sourceCode.ast.body) {
    if (stmt.type !== AST_NODE_TYPES.ImportDeclaration || stmt.importKind === 'type') continue;
    const named = stmt.specifiers.filter((s): s is TSESTree.ImportSpecifier => s.type === AST_NODE_TYPES.ImportSpecifier);
    const dropped = named.filter((spec) => spec.importKind !== 'type' && leftUnused(sourceCode, spec, edits));
    if (dropped.length === 0) continue;
    const others = stmt.specifiers.length - named.length;
    const joining = pending.filter(([source]) => source === stmt.source.value);
    const kept = [...named.filter((spec) => !dropped.includes(spec)).map((spec) => sourceCode.getText(spec)), ...joining.map(([, name]) => name)];
    if (kept.length === 0 && others > 0) continue; // `import x, { eq }`: left as it is
    for (const entry of joining) pending.splice(pending.indexOf(entry), 1);
    if (kept.length === 0) fixes.push(fixer.removeRange(statementRemovalRange(sourceCode, stmt)));
    else fixes.push(fixer.replaceTextRange([named[0]!.range[0], named[named.length - 1]!.range[1]], kept.join(', ')));
  }
  for (const [source, name] of pending) {
    const fix = ensureNamedImport(sourceCode, fixer, source, name);
    if (fix === undefined) return undefined;
    if (fix) fixes.push(fix);
  }
  return fixes;
}

function isImported(sourceCode: Readonly<TSESLint.SourceCode>, source: string, name: string): boolean {
  return sourceCode.ast.body.some(
    (stmt) =>
      stmt.type === AST_NODE_TYPES.ImportDeclaration &&
      stmt.importKind !== 'type' &&
      stmt.source.value === source &&
      stmt.specifiers.some((spec) => spec.type === AST_NODE_TYPES.ImportSpecifier && spec.local.name === name),
  );
}

/** Whether every use of an imported name lies inside a replaced range, and no new text names it. */
function leftUnused(sourceCode: Readonly<TSESLint.SourceCode>, spec: TSESTree.ImportSpecifier, edits: readonly ReplacedText[]): boolean {
  const variable = sourceCode.scopeManager?.getDeclaredVariables(spec)[0];
  if (!variable || variable.references.length === 0) return false;
  const inside = (node: TSESTree.Node): boolean => edits.some((e) => e.range[0] < e.range[1] && node.range[0] >= e.range[0] && node.range[1] <= e.range[1]);
  if (!variable.references.every((ref) => inside(ref.identifier))) return false;
  const name = spec.local.name.replace(/\$/g, '\\$');
  const word = new RegExp(`(?:^|[^\\w$])${name}(?![\\w$])`);
  return !edits.some((e) => word.test(e.text));
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
