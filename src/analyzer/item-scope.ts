import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { dottedName, isFunction, skipTypeWrappers, visitReferences, walk } from './ast.js';
import type { Iteration } from './iteration.js';

/**
 * What a rewrite needs to know about one iteration: which expressions read the item, and how to turn
 * a per-item expression into one over every item (`users.map((u) => u.id)`).
 */
export interface ItemScope {
  readonly iteration: Iteration;
  /** The iterated collection (`users`, `this.rows`), a plain dotted name. */
  readonly iterable: TSESTree.Expression;
  /** The loop variable pattern or the callback's first parameter. */
  readonly item: TSESTree.Node;
  /** The loop body or the callback. */
  readonly body: TSESTree.Node;
  /** Whether `node` reads the item or anything declared inside the body. */
  dependsOnItem(node: TSESTree.Node): boolean;
  /** Whether `node` is an item-rooted expression (`u.id`, or a body `const` initialised by one). */
  isItemKey(node: TSESTree.Node): boolean;
  /**
   * Whether `node` can be evaluated in a `map` callback over the items: it reads only the item,
   * variables declared before the iteration that the iteration does not reassign, and has no `await`.
   */
  isMovable(node: TSESTree.Node): boolean;
  /** `users.map((u) => <node>)`, with the item-key resolved through body constants; object literals get parentheses. */
  mapText(node: TSESTree.Node): string;
  /** `users.map((u) => <text>)` for a callback body the caller built (from `inlineText` parts). */
  mapOf(bodyText: string): string;
  /** The text of `node` with item-rooted body constants replaced by their initialisers. */
  inlineText(node: TSESTree.Node): string;
  /** The item binding's text (`u`, `{ id, name }`); an identifier when `itemName` is set. */
  readonly itemText: string;
  /** The item's name when it is a plain identifier. */
  readonly itemName: string | undefined;
  /** The iterable's text (`users`). */
  readonly iterableText: string;
}

/** The item scope of a `for…of` loop or per-item callback over a dotted collection; undefined otherwise. */
export function itemScope(sourceCode: Readonly<TSESLint.SourceCode>, iteration: Iteration): ItemScope | undefined {
  if (iteration.kind !== 'for-of' && iteration.kind !== 'callback') return undefined;
  const iterable = iteration.iterable ? skipTypeWrappers(iteration.iterable) : undefined;
  if (!iterable || dottedName(iterable) === undefined || !iteration.item) return undefined;
  const body = iteration.kind === 'callback' ? iteration.callback : (iteration.node as TSESTree.ForOfStatement).body;
  if (!body) return undefined;
  const item = iteration.item;
  const loopNode = iteration.node;

  const placeOf = (variable: ReturnType<typeof ASTUtils.findVariable>): 'item' | 'body' | 'outside' | 'global' => {
    const def = variable?.defs[0];
    if (!def) return 'global';
    const at = def.name.range[0];
    if (at >= item.range[0] && at < item.range[1]) return 'item';
    if (at >= body.range[0] && at < body.range[1]) return 'body';
    return 'outside';
  };

  const resolveKey = (node: TSESTree.Node, depth = 0): TSESTree.Node | undefined => {
    if (depth > 3) return undefined;
    let root: TSESTree.Node = node;
    while (root.type === AST_NODE_TYPES.MemberExpression && !root.computed) root = root.object;
    if (root.type === AST_NODE_TYPES.TSNonNullExpression) root = root.expression;
    if (root.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = ASTUtils.findVariable(sourceCode.getScope(root), root);
    const where = placeOf(variable);
    if (where === 'item') return node;
    if (where === 'body' && node === root) {
      const def = variable!.defs[0]!;
      if (def.type !== 'Variable' || def.parent.kind !== 'const' || !def.node.init || def.node.id !== def.name) return undefined;
      return resolveKey(def.node.init, depth + 1);
    }
    return undefined;
  };

  const dependsOnItem = (node: TSESTree.Node): boolean => {
    let depends = false;
    visitIdentifiers(node, (id) => {
      if (!depends && isInside(placeOf(ASTUtils.findVariable(sourceCode.getScope(id), id)))) depends = true;
    });
    return depends;
  };

  const isMovable = (node: TSESTree.Node): boolean => {
    let movable = true;
    walk(node, (n) => {
      if (n.type === AST_NODE_TYPES.AwaitExpression || n.type === AST_NODE_TYPES.YieldExpression) movable = false;
    });
    if (!movable) return false;
    visitIdentifiers(node, (id) => {
      if (!movable) return;
      const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
      const where = placeOf(variable);
      if (where === 'item' || where === 'global') return;
      if (where === 'body') {
        // A body constant that is itself an item-rooted expression is inlined by `mapText`.
        if (resolveKey(id) === undefined) movable = false;
        return;
      }
      // An outer variable the iteration reassigns has another value per item.
      if (variable!.references.some((ref) => ref.isWrite() && ref.identifier.range[0] >= loopNode.range[0] && ref.identifier.range[1] <= loopNode.range[1])) {
        movable = false;
      }
    });
    return movable;
  };

  const itemText = sourceCode.getText(item);
  const mapText = (node: TSESTree.Node): string => {
    // `rows.map((row) => row)` is `rows`.
    if (node.type === AST_NODE_TYPES.Identifier && item.type === AST_NODE_TYPES.Identifier && node.name === item.name) return sourceCode.getText(iterable);
    const key = resolveKey(node);
    const target = key ?? node;
    let text = inlineBodyConstants(sourceCode, target, resolveKey, placeOf);
    if (skipTypeWrappers(target as TSESTree.Expression).type === AST_NODE_TYPES.ObjectExpression) text = `(${text})`;
    return `${sourceCode.getText(iterable)}.map((${itemText}) => ${text})`;
  };

  return {
    iteration,
    iterable,
    item,
    body,
    dependsOnItem,
    isItemKey: (node) => resolveKey(node) !== undefined,
    isMovable,
    mapText,
    mapOf: (bodyText) => `${sourceCode.getText(iterable)}.map((${itemText}) => ${bodyText})`,
    inlineText: (node) => inlineBodyConstants(sourceCode, resolveKey(node) ?? node, resolveKey, placeOf),
    itemText,
    itemName: item.type === AST_NODE_TYPES.Identifier ? item.name : undefined,
    iterableText: sourceCode.getText(iterable),
  };
}

function isInside(place: 'item' | 'body' | 'outside' | 'global'): boolean {
  return place === 'item' || place === 'body';
}

/** The text of `node`, with references to item-rooted body constants replaced by their initialisers. */
function inlineBodyConstants(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  resolveKey: (node: TSESTree.Node) => TSESTree.Node | undefined,
  placeOf: (variable: ReturnType<typeof ASTUtils.findVariable>) => 'item' | 'body' | 'outside' | 'global',
): string {
  const replacements: { range: readonly [number, number]; text: string }[] = [];
  visitIdentifiers(node, (id) => {
    if (placeOf(ASTUtils.findVariable(sourceCode.getScope(id), id)) !== 'body') return;
    const key = resolveKey(id);
    if (key && key !== id) {
      const parent = id.parent;
      const shorthand = parent.type === AST_NODE_TYPES.Property && parent.shorthand && parent.value === id;
      const text = sourceCode.getText(key);
      replacements.push(shorthand ? { range: parent.range, text: `${id.name}: ${text}` } : { range: id.range, text });
    }
  });
  const [start, end] = node.range;
  let out = '';
  let cursor = start;
  for (const r of replacements.sort((a, b) => a.range[0] - b.range[0])) {
    if (r.range[0] < cursor) continue;
    out += sourceCode.text.slice(cursor, r.range[0]) + r.text;
    cursor = r.range[1];
  }
  return out + sourceCode.text.slice(cursor, end);
}

/** Calls `visit` on each identifier under `node` that reads a variable. */
export function visitIdentifiers(node: TSESTree.Node, visit: (id: TSESTree.Identifier) => void): void {
  visitReferences(node, (ref) => {
    if (ref.type === AST_NODE_TYPES.Identifier) visit(ref);
  });
}

/** The statement (directly inside a block, `case` or the program) that contains `node`, stopping at functions. */
export function statementOf(node: TSESTree.Node): TSESTree.Statement | undefined {
  let current: TSESTree.Node = node;
  while (current.parent) {
    const parent: TSESTree.Node = current.parent;
    if (
      parent.type === AST_NODE_TYPES.BlockStatement ||
      parent.type === AST_NODE_TYPES.Program ||
      parent.type === AST_NODE_TYPES.StaticBlock ||
      parent.type === AST_NODE_TYPES.SwitchCase
    ) {
      return current as TSESTree.Statement;
    }
    if (isFunction(parent)) return undefined;
    current = parent;
  }
  return undefined;
}

/** Whether `await` is allowed at `node`: inside an async function, or at module top level. */
export function canAwaitAt(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let current: TSESTree.Node | undefined = node.parent;
  while (current) {
    if (isFunction(current)) return current.async;
    if (current.type === AST_NODE_TYPES.Program) return sourceCode.ast.sourceType === 'module';
    current = current.parent;
  }
  return false;
}
