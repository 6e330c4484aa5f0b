import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { Chain, ChainLink } from './orm/types.js';

/** The name of a non-computed member property or a string-literal computed one. */
export function propertyName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed) {
    return member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : member.property.name;
  }
  return member.property.type === AST_NODE_TYPES.Literal && typeof member.property.value === 'string'
    ? member.property.value
    : undefined;
}

/** The method name of `a.b(…)`, or undefined for other callees. */
export function calleeName(call: TSESTree.CallExpression): string | undefined {
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return propertyName(callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  return undefined;
}

/** Strips `(x)`, `x!`, `x as T`, `<T>x`, `x satisfies T`. */
export function skipTypeWrappers(node: TSESTree.Expression): TSESTree.Expression {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSSatisfiesExpression:
        current = current.expression;
        break;
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** The nearest ancestor that is not a type wrapper or chain expression. */
export function parentSkippingWrappers(node: TSESTree.Node): TSESTree.Node | undefined {
  let parent = node.parent;
  while (
    parent &&
    (parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.TSTypeAssertion ||
      parent.type === AST_NODE_TYPES.ChainExpression)
  ) {
    parent = parent.parent;
  }
  return parent;
}

/**
 * Splits `this.repo.createQueryBuilder('u').where(x).getMany()` into its base (`this`) and links
 * (`.repo`, `.createQueryBuilder()`, `.where()`, `.getMany()`), innermost first.
 */
export function decomposeChain(head: TSESTree.CallExpression): Chain {
  const links: ChainLink[] = [];
  let current: TSESTree.Expression = head;
  for (;;) {
    current = skipTypeWrappers(current);
    if (current.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipTypeWrappers(current.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        links.push({ kind: 'call', name: propertyName(callee), node: current, args: current.arguments });
        current = callee.object;
        continue;
      }
      links.push({ kind: 'call', name: undefined, node: current, args: current.arguments });
      current = callee;
      // `knex('users')`: the callee is the base.
      break;
    }
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(current);
      if (name === undefined) break;
      links.push({ kind: 'prop', name, node: current });
      current = current.object;
      continue;
    }
    break;
  }
  links.reverse();
  return { base: current, links };
}

/** The call that continues `call`'s chain (`x.where()` → `x.where().first()`), if any. */
export function nextChainCall(call: TSESTree.CallExpression): TSESTree.CallExpression | undefined {
  const parent = parentSkippingWrappers(call);
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || skipTypeWrappers(parent.object) !== call) return undefined;
  const grand = parentSkippingWrappers(parent);
  if (grand?.type === AST_NODE_TYPES.CallExpression && skipTypeWrappers(grand.callee) === parent) return grand;
  return undefined;
}

export const PROMISE_METHODS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/** Whether `call` is the last call of its chain, ignoring trailing `.then/.catch/.finally`. */
export function isChainHead(call: TSESTree.CallExpression): boolean {
  // `q.then(…)` / `q.catch(…)` is a promise tail of the query `q`, not a second query.
  const own = calleeName(call);
  if (own !== undefined && PROMISE_METHODS.has(own) && call.callee.type === AST_NODE_TYPES.MemberExpression && skipTypeWrappers(call.callee.object).type === AST_NODE_TYPES.CallExpression) return false;
  const next = nextChainCall(call);
  if (next === undefined) return true;
  const name = calleeName(next);
  return name !== undefined && PROMISE_METHODS.has(name);
}

/** Dotted text of `a.b.c` / `this.a` receivers, or undefined for anything more complex. */
export function dottedName(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.ThisExpression) return 'this';
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier) {
    const object = dottedName(node.object);
    return object === undefined ? undefined : `${object}.${node.property.name}`;
  }
  if (node.type === AST_NODE_TYPES.TSNonNullExpression) return dottedName(node.expression);
  return undefined;
}

export function isFunction(
  node: TSESTree.Node,
): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

/** `{ key: value }` property of an object literal by static key name. */
export function objectProperty(object: TSESTree.Node | undefined, key: string): TSESTree.Property | undefined {
  if (object?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  for (const prop of object.properties) {
    if (prop.type === AST_NODE_TYPES.Property && staticKey(prop) === key) return prop;
  }
  return undefined;
}

/** The static key of an object property (`a`, `'a'`, `['a']`). */
export function staticKey(prop: TSESTree.Property): string | undefined {
  if (!prop.computed && prop.key.type === AST_NODE_TYPES.Identifier) return prop.key.name;
  if (prop.key.type === AST_NODE_TYPES.Literal) return String(prop.key.value);
  return undefined;
}

/** Static keys of an object literal; undefined if it has spreads or computed keys. */
export function staticKeys(object: TSESTree.ObjectExpression): string[] | undefined {
  const keys: string[] = [];
  for (const prop of object.properties) {
    if (prop.type !== AST_NODE_TYPES.Property) return undefined;
    const key = staticKey(prop);
    if (key === undefined) return undefined;
    keys.push(key);
  }
  return keys;
}

export function isPascalCase(name: string): boolean {
  return /^[A-Z][A-Za-z0-9]*$/.test(name) && /[a-z]/.test(name);
}

export function isStringLiteral(node: TSESTree.Node | undefined): node is TSESTree.StringLiteral {
  return node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string';
}

export function firstArg(call: TSESTree.CallExpression): TSESTree.CallExpressionArgument | undefined {
  return call.arguments[0];
}

/** The child nodes of `node` (skipping `parent` and type-only positions), for small local walks. */
/** Calls `visit` on every node under `node` (including it); returning `false` skips the node's children. */
export function walk(node: TSESTree.Node, visit: (n: TSESTree.Node) => void | false): void {
  if (visit(node) === false) return;
  for (const child of childNodes(node)) walk(child, visit);
}

/** Whether `root` or a node below it (type annotations aside) satisfies `predicate`; stops at the first. */
export function someNode(root: TSESTree.Node, predicate: (node: TSESTree.Node) => boolean): boolean {
  if (predicate(root)) return true;
  for (const child of childNodes(root)) if (someNode(child, predicate)) return true;
  return false;
}

export function childNodes(node: TSESTree.Node): TSESTree.Node[] {
  const out: TSESTree.Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent' || key === 'typeAnnotation' || key === 'typeArguments' || key === 'returnType') continue;
    if (Array.isArray(value)) {
      for (const v of value) if (isNode(v)) out.push(v);
    } else if (isNode(value)) {
      out.push(value);
    }
  }
  return out;
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

export type ReferenceLike =
  | TSESTree.Identifier
  | TSESTree.ThisExpression
  | TSESTree.AwaitExpression
  | TSESTree.UpdateExpression
  | TSESTree.AssignmentExpression;

/**
 * Calls `visit` on each identifier that reads a variable inside `node` (not property keys or member
 * names), and on `this`, `await`, `++`/`--` and assignments, which make a value unpredictable.
 */
export function visitReferences(node: TSESTree.Node, visit: (ref: ReferenceLike) => void): void {
  const walk = (n: TSESTree.Node): void => {
    switch (n.type) {
      case AST_NODE_TYPES.Identifier:
      case AST_NODE_TYPES.ThisExpression:
        visit(n);
        return;
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.UpdateExpression:
      case AST_NODE_TYPES.AssignmentExpression:
        visit(n);
        childNodes(n).forEach(walk);
        return;
      case AST_NODE_TYPES.MemberExpression:
        walk(n.object);
        if (n.computed) walk(n.property);
        return;
      case AST_NODE_TYPES.Property:
        if (n.computed) walk(n.key);
        walk(n.value);
        return;
      default:
        childNodes(n).forEach(walk);
    }
  };
  walk(node);
}

/**
 * The call under `query.then(…)`/`.catch(…)`/`.finally(…)`: the analyzer recognises both calls as the same
 * query, so rules that report once per query skip the outer one.
 */
export function promiseTailOf(call: TSESTree.CallExpression): TSESTree.CallExpression | undefined {
  const callee = skipTypeWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = propertyName(callee);
  const inner = skipTypeWrappers(callee.object);
  return name !== undefined && PROMISE_METHODS.has(name) && inner.type === AST_NODE_TYPES.CallExpression ? inner : undefined;
}
