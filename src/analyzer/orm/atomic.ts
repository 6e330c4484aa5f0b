import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { staticKey } from '../ast.js';
import type { Splice } from '../fixes.js';
import type { AtomicChange } from './types.js';

/** The property of `payload` (an object literal argument) whose value is `value` and whose key is the changed field. */
export function payloadProperty(payload: TSESTree.Node | undefined, value: TSESTree.Node, field: string): TSESTree.Property | undefined {
  if (payload?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  for (const prop of payload.properties) {
    if (prop.type === AST_NODE_TYPES.Property && prop.value === value && staticKey(prop) === field) return prop;
  }
  return undefined;
}

/** Whether an object literal has exactly one property (the changed one) and no spread. */
export function onlyProperty(payload: TSESTree.ObjectExpression, prop: TSESTree.Property): boolean {
  return payload.properties.length === 1 && payload.properties[0] === prop;
}

/** The signed amount for increment-style APIs: `k` for `+`, `-k` for `-`; undefined for `*`. */
export function signedAmount(change: AtomicChange): string | undefined {
  if (change.op === '*') return undefined;
  // Amounts that are not simple operands arrive parenthesised.
  return change.op === '+' ? change.amount : `-${change.amount}`;
}

/** `increment`/`decrement` by the change's operator; undefined for `*`. */
export function incrementMethod(change: AtomicChange): 'increment' | 'decrement' | undefined {
  return change.op === '+' ? 'increment' : change.op === '-' ? 'decrement' : undefined;
}

export const GUARD_OPERATORS = { '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' } as const;

/** `'field'` as a single-quoted string literal. */
export function quoted(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A splice adding `text` as the last property of an object literal. */
export function appendProperty(object: TSESTree.ObjectExpression, text: string): Splice {
  const last = object.properties[object.properties.length - 1];
  return last ? { range: [last.range[1], last.range[1]], text: `, ${text}` } : { range: object.range, text: `{ ${text} }` };
}

/** The import source the file already uses for a package family (`@mikro-orm/postgresql`), or `fallback`. */
export function importSourceLike(sourceCode: Readonly<TSESLint.SourceCode>, prefix: string, fallback: string): string {
  for (const stmt of sourceCode.ast.body) {
    if (stmt.type === AST_NODE_TYPES.ImportDeclaration && stmt.importKind !== 'type' && stmt.source.value.startsWith(prefix)) return stmt.source.value;
  }
  return fallback;
}
