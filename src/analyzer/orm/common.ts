import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { dottedName, isPascalCase, staticKeys } from '../ast.js';
import type { Chain, ChainLink, Evidence, Execution, Operation, Origin, OrmId, QueryMatch, RecognizeContext } from './types.js';

export type CallLink = Extract<ChainLink, { kind: 'call' }>;

/** The expression made of the base and the links before `index` (`prisma.user` for the `findMany` link). */
export function exprBefore(chain: Chain, index: number): TSESTree.Expression {
  if (index <= 0) return chain.base;
  const prev = chain.links[index - 1]!;
  return prev.node;
}

/** The callee of a call link: the member expression, or the base for a direct call. */
export function calleeOf(chain: Chain, index: number): TSESTree.Expression {
  const link = chain.links[index]!;
  if (link.kind !== 'call') return link.node;
  return link.node.callee.type === AST_NODE_TYPES.MemberExpression ? link.node.callee.object : exprBefore(chain, index);
}

export function callLinks(chain: Chain): CallLink[] {
  return chain.links.filter((l): l is CallLink => l.kind === 'call');
}

export function lastCall(chain: Chain): CallLink {
  return chain.links[chain.links.length - 1] as CallLink;
}

export function findCall(chain: Chain, names: ReadonlySet<string> | ((name: string) => boolean), from = 0): number {
  for (let i = from; i < chain.links.length; i++) {
    const link = chain.links[i]!;
    if (link.kind === 'call' && link.name !== undefined && (typeof names === 'function' ? names(link.name) : names.has(link.name))) return i;
  }
  return -1;
}

export function hasCall(chain: Chain, names: ReadonlySet<string>): boolean {
  return findCall(chain, names) !== -1;
}

/** The object literal given as argument `index`, if it is one. */
export function objectArg(link: CallLink | undefined, index = 0): TSESTree.ObjectExpression | undefined {
  const arg = link?.args[index];
  return arg?.type === AST_NODE_TYPES.ObjectExpression ? arg : undefined;
}

/** Whether an object-literal argument uses only `allowed` keys and at least one of `required` (if given). */
export function argKeysWithin(arg: TSESTree.ObjectExpression, allowed: ReadonlySet<string>, required?: ReadonlySet<string>): boolean {
  const keys = staticKeys(arg);
  if (keys === undefined) return false;
  if (!keys.every((k) => allowed.has(k))) return false;
  return required === undefined || keys.some((k) => required.has(k));
}

export function isArrayArg(link: CallLink | undefined, index = 0): boolean {
  const arg = link?.args[index];
  return arg?.type === AST_NODE_TYPES.ArrayExpression;
}

/** Name of a receiver for display and conventions (`userRepository` for `this.userRepository`). */
export function lastName(node: TSESTree.Node): string | undefined {
  const dotted = dottedName(node);
  if (dotted === undefined) {
    if (node.type === AST_NODE_TYPES.CallExpression) return undefined;
    return undefined;
  }
  const parts = dotted.split('.');
  return parts[parts.length - 1];
}

/** JavaScript and Node globals whose static methods share names with ORM model methods (`Math.min`). */
const BUILTIN_GLOBALS = new Set([
  'Math', 'JSON', 'Object', 'Array', 'Promise', 'Number', 'String', 'Boolean', 'Date', 'Reflect', 'Symbol', 'BigInt',
  'Intl', 'Atomics', 'Buffer', 'Map', 'Set', 'WeakMap', 'WeakSet', 'RegExp', 'Error', 'URL', 'URLSearchParams', 'Proxy',
  'Crypto', 'Temporal', 'Iterator', 'AsyncIterator', 'ArrayBuffer', 'DataView', 'Event', 'Headers', 'Request', 'Response',
]);

/** Whether `name` is one of those globals (a receiver no ORM call has: `Promise.all`, `Object.assign`). */
export function isBuiltinGlobal(name: string): boolean {
  return BUILTIN_GLOBALS.has(name);
}

export function isModelLike(node: TSESTree.Node): boolean {
  const name = lastName(node);
  if (name === undefined) return false;
  if (node.type === AST_NODE_TYPES.Identifier && BUILTIN_GLOBALS.has(name)) return false;
  return isPascalCase(name) || /[a-z]Model$/.test(name);
}

/**
 * The evidence a syntactic match has: the receiver's origin when it is this ORM's, nothing when it is
 * another ORM's, else `fallback` (a distinctive shape) — downgraded to `name` when the file imports
 * only other ORMs.
 */
export function judge(
  orm: OrmId,
  origin: Origin | undefined,
  ctx: RecognizeContext,
  fallback: Evidence,
): Evidence | undefined {
  if (origin) return origin.orm === orm ? origin.evidence : undefined;
  return fallback;
}

export function modelOf(origin: Origin | undefined, receiver: TSESTree.Node): string | undefined {
  return origin?.model ?? lastName(receiver);
}

export function stringArg(link: CallLink | undefined, index = 0): string | undefined {
  const arg = link?.args[index];
  return arg?.type === AST_NODE_TYPES.Literal && typeof arg.value === 'string' ? arg.value : undefined;
}

export function identArg(link: CallLink | undefined, index = 0): string | undefined {
  const arg = link?.args[index];
  if (arg?.type === AST_NODE_TYPES.Identifier) return arg.name;
  if (arg?.type === AST_NODE_TYPES.MemberExpression) return lastName(arg);
  return undefined;
}

export const PROMISE_LIKE = new Set(['then', 'catch', 'finally']);

/**
 * `order.save()` on a loaded row (`origin.role === 'row'`): the row method's operation. Undefined for
 * other chains and other methods (association getters, plain property reads).
 */
export function rowMethodMatch(
  orm: OrmId,
  chain: Chain,
  origin: Origin | undefined,
  methods: Readonly<Record<string, Operation>>,
  execution: Execution,
): QueryMatch | undefined {
  if (origin?.role !== 'row' || origin.orm !== orm || chain.links.length !== 1) return undefined;
  const link = chain.links[0]!;
  if (link.kind !== 'call' || link.name === undefined) return undefined;
  const operation = Object.hasOwn(methods, link.name) ? methods[link.name] : undefined;
  if (!operation) return undefined;
  return { orm, operation, evidence: origin.evidence, execution, method: link.name, model: origin.model, optionsCall: link.node };
}
