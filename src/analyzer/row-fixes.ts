import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { propertyName } from './ast.js';
import type { RowFlow, RowUse } from './dataflow.js';
import { ensureNamedImport, hasComments } from './fixes.js';

/**
 * Turns a rewritten query plus edits of its uses into one fix, for the data-flow rules. The query's value
 * is either bound (`const rows = await q; … rows.length …`: the initializer is replaced and each use is
 * edited in place) or used inline (`(await q).length`: the one use is replaced, with the new query in it).
 */

/** How tightly a replacement text binds: identifiers and calls, `await x`/`!x`, or a comparison. */
export type Precedence = 'primary' | 'unary' | 'binary';

export interface UseEdit {
  /** The node to replace. */
  readonly node: TSESTree.Node;
  /** Its new text, given how to refer to the new value (the variable, or the parenthesised new query). */
  readonly text: (ref: string) => string;
  readonly precedence: Precedence;
}

export interface FlowFix {
  readonly fix: TSESLint.ReportFixFunction;
  /** Comments inside the replaced code would be lost: offer it as a suggestion only. */
  readonly losesComments: boolean;
}

/**
 * The fix that replaces the query with `newValue` (an expression, `await` included) and applies `edits`
 * to its uses. Undefined when the edits do not fit the shape of the flow.
 */
export function flowFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  flow: RowFlow,
  newValue: string,
  newPrecedence: Precedence,
  edits: readonly UseEdit[],
  imports: readonly (readonly [string, string])[] = [],
): FlowFix | undefined {
  const replacements: { node: TSESTree.Node; text: string }[] = [];
  if (flow.binding) {
    const binding = flow.binding;
    const id = binding.id as TSESTree.Identifier;
    if (id.typeAnnotation) replacements.push({ node: binding, text: `${id.name} = ${newValue}` });
    else replacements.push({ node: binding.init!, text: newValue });
    for (const edit of edits) {
      replacements.push({ node: edit.node, text: parenthesize(sourceCode, edit.text(id.name), edit.precedence, edit.node) });
    }
  } else if (edits.length === 0) {
    replacements.push({ node: flow.value, text: parenthesize(sourceCode, newValue, newPrecedence, flow.value) });
  } else {
    if (edits.length !== 1) return undefined;
    const edit = edits[0]!;
    if (!within(flow.value, edit.node)) return undefined;
    const ref = newPrecedence === 'primary' ? newValue : `(${newValue})`;
    const text = edit.text(ref);
    // The edit is the value itself (`if (await q)`): keep the new value's own precedence.
    const identity = text === ref;
    replacements.push({ node: edit.node, text: parenthesize(sourceCode, identity ? newValue : text, identity ? newPrecedence : edit.precedence, edit.node) });
  }
  const losesComments = replacements.some((r) => hasComments(sourceCode, r.node));
  return {
    losesComments,
    fix: (fixer) => {
      const fixes: TSESLint.RuleFix[] = [];
      for (const [source, name] of imports) {
        // Already bound at the top level (imported from elsewhere, e.g. a module re-exporting the ORM's `eq`).
        if (importedNames(sourceCode).has(name) && !importsFrom(sourceCode, source, name)) continue;
        const importFix = ensureNamedImport(sourceCode, fixer, source, name);
        if (importFix === undefined) return null;
        if (importFix) fixes.push(importFix);
      }
      for (const r of replacements) fixes.push(fixer.replaceText(r.node, r.text));
      return fixes;
    },
  };
}

/** Local names bound by the file's import declarations. */
function importedNames(sourceCode: Readonly<TSESLint.SourceCode>): Set<string> {
  const names = new Set<string>();
  for (const stmt of sourceCode.ast.body) {
    if (stmt.type === AST_NODE_TYPES.ImportDeclaration) for (const spec of stmt.specifiers) names.add(spec.local.name);
  }
  return names;
}

function importsFrom(sourceCode: Readonly<TSESLint.SourceCode>, source: string, name: string): boolean {
  return sourceCode.ast.body.some((stmt) => stmt.type === AST_NODE_TYPES.ImportDeclaration && stmt.source.value === source && stmt.specifiers.some((s) => s.local.name === name));
}

function within(inner: TSESTree.Node, outer: TSESTree.Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

/** `text` as it must be written in place of `node`: parenthesised when its parent binds tighter. */
export function parenthesize(sourceCode: Readonly<TSESLint.SourceCode>, text: string, precedence: Precedence, node: TSESTree.Node): string {
  if (precedence === 'primary' || ASTUtils.isParenthesized(node, sourceCode)) return text;
  return fitsIn(node, precedence) ? text : `(${text})`;
}

function fitsIn(node: TSESTree.Node, precedence: Precedence): boolean {
  const parent = node.parent;
  if (!parent) return true;
  switch (parent.type) {
    case AST_NODE_TYPES.VariableDeclarator:
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ExpressionStatement:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.SpreadElement:
    case AST_NODE_TYPES.ThrowStatement:
    case AST_NODE_TYPES.SwitchCase:
    case AST_NODE_TYPES.JSXExpressionContainer:
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
      return true;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === node;
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === node;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.callee !== node;
    case AST_NODE_TYPES.Property:
      return parent.value === node && !parent.shorthand;
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.AwaitExpression:
      return precedence === 'unary';
    case AST_NODE_TYPES.BinaryExpression:
      return precedence === 'unary' && !(parent.operator === '**' && parent.left === node);
    default:
      return false;
  }
}

/** The `x.length` member a length or emptiness use reads, when it is one. */
export function lengthMember(use: RowUse): TSESTree.MemberExpression | undefined {
  let node: TSESTree.Node = use.ref;
  while (
    node.parent &&
    (node.parent.type === AST_NODE_TYPES.TSAsExpression ||
      node.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      node.parent.type === AST_NODE_TYPES.ChainExpression ||
      node.parent.type === AST_NODE_TYPES.TSSatisfiesExpression)
  ) {
    node = node.parent;
  }
  const parent = node.parent;
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== node || propertyName(parent) !== 'length') return undefined;
  // `rows?.length` ends in a chain expression: replace it whole.
  return parent;
}

/** Whether `node` is a member expression inside an optional chain (`rows?.length`): replace the chain. */
export function chainRoot(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent?.type === AST_NODE_TYPES.ChainExpression) current = current.parent;
  return current;
}

/** A flow's uses, without `nullcheck`s (truthiness tests of an array, which are always true). */
export function meaningfulUses(flow: RowFlow): readonly RowUse[] {
  return flow.uses.filter((u) => u.kind !== 'nullcheck');
}

/** The precedence of a rewrite's text: `await …` is unary, `Number(…)` a call. */
export function precedenceOf(text: string): Precedence {
  return text.startsWith('await ') ? 'unary' : 'primary';
}

/** `` `id` ``, `` `id` and `email` ``, `` `a`, `b` and `c` ``: field names for messages. */
export function fieldList(fields: readonly string[], limit = 5): string {
  const shown = fields.slice(0, limit).map((f) => `\`${f}\``);
  if (fields.length > limit) return `${shown.join(', ')} and ${fields.length - limit} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]!}`;
}

/** A listener that never throws: an unexpected AST shape must not abort the lint run. */
export function guarded<Node>(listener: (node: Node) => void): (node: Node) => void {
  return (node) => {
    try {
      listener(node);
    } catch {
      // Nothing is reported for this node.
    }
  };
}
