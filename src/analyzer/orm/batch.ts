import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { childNodes, staticKey } from '../ast.js';
import type { Splice } from '../fixes.js';
import type { BatchRequest } from './types.js';

/** The per-item tests the helpers below need (a `BatchRequest` or an `ItemScope`). */
export type ItemTests = Pick<BatchRequest, 'isItemKey' | 'dependsOnItem'>;

/** The property of a filter object whose value is the per-item key, when there is exactly one. */
export function itemKeyProperty(
  req: ItemTests,
  filter: TSESTree.ObjectExpression,
): { prop: TSESTree.Property; key: string } | undefined {
  let found: { prop: TSESTree.Property; key: string } | undefined;
  for (const prop of filter.properties) {
    if (prop.type !== AST_NODE_TYPES.Property) return undefined;
    const key = staticKey(prop);
    if (key === undefined) return undefined;
    if (req.isItemKey(prop.value)) {
      if (found) return undefined;
      found = { prop, key };
    } else if (req.dependsOnItem(prop.value)) {
      return undefined;
    }
  }
  return found;
}

/** A splice that replaces `key: value` (or shorthand `key`) with `key: <replacement>`. */
export function replacePropValue(prop: TSESTree.Property, key: string, replacement: string): Splice {
  return { range: prop.range, text: `${prop.computed ? `[${JSON.stringify(key)}]` : key}: ${replacement}` };
}

/** A splice renaming the method of a member call (`findUnique` → `findMany`). */
export function renameMethod(call: TSESTree.CallExpression, name: string): Splice | undefined {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return undefined;
  return { range: callee.property.range, text: name };
}

/** Whether anything inside `root` other than the `allowed` nodes reads the iteration item. */
export function othersDependOnItem(req: ItemTests, root: TSESTree.Node, allowed: readonly TSESTree.Node[]): boolean {
  const visit = (node: TSESTree.Node): boolean => {
    if (allowed.includes(node) || !req.dependsOnItem(node)) return false;
    if (!containsAllowed(node, allowed)) return true;
    return childNodes(node).some(visit);
  };
  return visit(root);
}

function containsAllowed(node: TSESTree.Node, allowed: readonly TSESTree.Node[]): boolean {
  return allowed.some((a) => a.range[0] >= node.range[0] && a.range[1] <= node.range[1]);
}
