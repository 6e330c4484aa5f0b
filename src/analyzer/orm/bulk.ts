import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { staticKey } from '../ast.js';
import type { Splice } from '../fixes.js';
import type { ItemScope } from '../item-scope.js';
import { itemKeyProperty, othersDependOnItem, replacePropValue } from './batch.js';

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
