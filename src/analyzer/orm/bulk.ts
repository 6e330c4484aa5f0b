import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { staticKey } from '../ast.js';
import type { Splice } from '../fixes.js';
import type { ItemScope } from '../item-scope.js';
import { itemKeyProperty, othersDependOnItem, replacePropValue } from './batch.js';
import type { TransactionFix, TransactionRequest } from './types.js';

/** Whether `node` is the same for every item and can be evaluated once, where the iteration was. */
export function independent(scope: ItemScope, node: TSESTree.Node): boolean {
  return !scope.dependsOnItem(node) && scope.isMovable(node);
}

/**
 * The filter property keyed by the item (`{ id: user.id }`), as a splice that replaces its value with
 * `wrap(keys)`, where `keys` is `users.map((user) => user.id)`. Undefined unless exactly one property
 * reads the item and the rest of `root` does not.
 */
export function keyFilterSplice(
  scope: ItemScope,
  filter: TSESTree.Node | undefined,
  root: TSESTree.Node,
  wrap: (keys: string) => string,
): { splice: Splice; key: string; keyNode: TSESTree.Node } | undefined {
  if (filter?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const found = itemKeyProperty(scope, filter);
  if (!found || !scope.isMovable(found.prop.value)) return undefined;
  if (othersDependOnItem(scope, root, [found.prop.value])) return undefined;
  // Other filter entries are evaluated once for all items.
  if (filter.properties.some((p) => p !== found.prop && !scope.isMovable(p))) return undefined;
  return { splice: replacePropValue(found.prop, found.key, wrap(scope.mapText(found.prop.value))), key: found.key, keyNode: found.prop.value };
}

/** A splice replacing `node` with `items.map((item) => node)`. */
export function mapSplice(scope: ItemScope, node: TSESTree.Node): Splice {
  return { range: node.range, text: scope.mapText(node) };
}

/** Whether an object literal (at any depth below the top) has one of `keys` holding an object or array. */
export function hasNestedKeys(node: TSESTree.Node, keys: ReadonlySet<string>): boolean {
  if (node.type !== AST_NODE_TYPES.ObjectExpression) return false;
  for (const prop of node.properties) {
    if (prop.type !== AST_NODE_TYPES.Property) continue;
    const value = prop.value;
    if (value.type === AST_NODE_TYPES.ObjectExpression) {
      for (const inner of value.properties) {
        if (inner.type === AST_NODE_TYPES.Property && keys.has(staticKey(inner) ?? '')) return true;
      }
      if (hasNestedKeys(value, keys)) return true;
    }
  }
  return false;
}

/** Whether an object literal has only static keys and no spread. */
export function plainObject(node: TSESTree.Node | undefined): node is TSESTree.ObjectExpression {
  return node?.type === AST_NODE_TYPES.ObjectExpression && node.properties.every((p) => p.type === AST_NODE_TYPES.Property && staticKey(p) !== undefined);
}

/** Whether any property value of an object literal is itself an object or array literal (relations, cascades). */
export function hasNestedLiterals(node: TSESTree.ObjectExpression): boolean {
  return node.properties.some(
    (p) => p.type === AST_NODE_TYPES.Property && (p.value.type === AST_NODE_TYPES.ObjectExpression || p.value.type === AST_NODE_TYPES.ArrayExpression),
  );
}

/** `items.map((item) => item.id)` for a plain-identifier item, else undefined. */
export function itemFieldKeys(scope: ItemScope, field: string): string | undefined {
  return scope.itemName === undefined ? undefined : scope.mapOf(`${scope.itemName}.${field}`);
}

/**
 * The usual transaction fix: the query hangs off the outer client (`prisma.user.update()`, `db.insert()`),
 * so replace that client expression with the transaction handle (`tx.user.update()`). Undefined when the
 * receiver is not a root client of this ORM.
 */
export function clientToHandle(req: TransactionRequest, clientExpr: TSESTree.Expression, missing: string): TransactionFix | undefined {
  const origin = req.originOf(clientExpr);
  if (origin?.role !== 'client' || origin.orm !== req.match.orm) return undefined;
  const handle = req.handle;
  const splices = handle === undefined ? undefined : [{ range: clientExpr.range, text: handle }];
  return { splices, missing };
}

/** `the transaction client \`tx\``: how messages name the handle. */
export function handleName(req: TransactionRequest, what: string): string {
  return req.handle === undefined ? what : `${what} \`${req.handle}\``;
}

/**
 * A splice that adds `key: value` to the options argument at `index` of `call`: into an object literal
 * that lacks it, or as a new `{ key: value }` argument. `present` when the options already name `key`;
 * undefined when the options are not a literal we can read (a variable, a spread).
 */
export function addOptionSplice(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
  index: number,
  key: string,
  value: string,
): Splice | 'present' | undefined {
  const args = call.arguments;
  const entry = key === value ? key : `${key}: ${value}`;
  const options = args[index];
  if (options) {
    if (options.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
    if (options.properties.some((p) => p.type === AST_NODE_TYPES.Property && staticKey(p) === key)) return 'present';
    if (options.properties.some((p) => p.type !== AST_NODE_TYPES.Property)) return undefined;
    const last = options.properties[options.properties.length - 1];
    if (!last) return { range: options.range, text: `{ ${entry} }` };
    return { range: [last.range[1], last.range[1]], text: `, ${entry}` };
  }
  if (args.length !== index) return undefined;
  const close = sourceCode.getLastToken(call);
  if (close?.value !== ')') return undefined;
  const last = args[args.length - 1];
  return last ? { range: [last.range[1], last.range[1]], text: `, { ${entry} }` } : { range: [close.range[0], close.range[0]], text: `{ ${entry} }` };
}
