import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { objectProperty, skipTypeWrappers, staticKey } from '../ast.js';
import type { Splice } from '../fixes.js';
import type { CallLink } from './common.js';
import type { Chain, PageClause, ShapeRequest } from './types.js';

/** `{ take: 10 }` → a page clause on the property; undefined when the key is absent. */
export function optionClause(options: TSESTree.Node | undefined, key: string, label = key): PageClause | undefined {
  const prop = objectProperty(options, key);
  if (!prop) return undefined;
  return { node: prop, value: prop.value, label };
}

/** `.limit(10)` → a page clause on the call; undefined when no such link. */
export function callClause(chain: Chain, names: ReadonlySet<string>, valueArg = 0): PageClause | undefined {
  for (const link of chain.links) {
    if (link.kind === 'call' && link.name !== undefined && names.has(link.name)) {
      return { node: methodNode(link.node), value: link.args[valueArg], label: `.${link.name}()` };
    }
  }
  return undefined;
}

/** The call links of a chain with a name in `names`. */
export function linksNamed(chain: Chain, names: ReadonlySet<string>): CallLink[] {
  return chain.links.filter((l): l is CallLink => l.kind === 'call' && l.name !== undefined && names.has(l.name));
}

/** The object literal an expression is, through type wrappers. */
export function asObject(node: TSESTree.Node | undefined): TSESTree.ObjectExpression | undefined {
  if (node === undefined) return undefined;
  const inner = node.type === AST_NODE_TYPES.SpreadElement ? undefined : skipTypeWrappers(node as TSESTree.Expression);
  return inner?.type === AST_NODE_TYPES.ObjectExpression ? inner : undefined;
}

/**
 * Keys of a filter object compared by plain equality (`{ id, teamId: x }`): static keys whose value is
 * not an object or array literal (operators, IN lists) and passes `isEquality`. Spreads make it unknown.
 */
export function objectEqualities(
  filter: TSESTree.ObjectExpression | undefined,
  isEquality: (value: TSESTree.Node, key: string) => boolean = () => true,
): string[] | undefined {
  if (!filter) return undefined;
  const out: string[] = [];
  for (const prop of filter.properties) {
    if (prop.type !== AST_NODE_TYPES.Property) return undefined;
    const key = staticKey(prop);
    if (key === undefined || prop.computed) continue;
    const value = prop.value;
    if (value.type === AST_NODE_TYPES.ObjectExpression || value.type === AST_NODE_TYPES.ArrayExpression) continue;
    if (isEquality(value, key)) out.push(key);
  }
  return out;
}

/** A splice adding `text` (`orderBy: { id: 'asc' }`) as the last property of an object literal. */
export function addPropertySplice(sourceCode: Readonly<TSESLint.SourceCode>, object: TSESTree.ObjectExpression, text: string): Splice | undefined {
  if (sourceCode.getCommentsInside(object).length > 0) return undefined;
  const last = object.properties[object.properties.length - 1];
  if (!last) return { range: object.range, text: `{ ${text} }` };
  const after = sourceCode.getTokenAfter(last);
  if (after?.value === ',') return { range: [after.range[1], after.range[1]], text: ` ${text},` };
  return { range: [last.range[1], last.range[1]], text: `, ${text}` };
}

/** A splice adding an argument after the last one of `call` (or as the only one). */
export function addArgumentSplice(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression, text: string): Splice | undefined {
  const last = call.arguments[call.arguments.length - 1];
  if (last) {
    const after = sourceCode.getTokenAfter(last);
    if (after?.value === ',') return { range: [after.range[1], after.range[1]], text: ` ${text},` };
    return { range: [last.range[1], last.range[1]], text: `, ${text}` };
  }
  const close = sourceCode.getLastToken(call);
  if (close?.value !== ')') return undefined;
  return { range: [close.range[0], close.range[0]], text };
}

/** A splice inserting `.method(args)` just before chain link `index` (`…where(x)` + `.orderBy('id')` + `.first()`). */
export function insertCallBefore(chain: Chain, index: number, text: string): Splice | undefined {
  const link = chain.links[index];
  if (link?.kind !== 'call') return undefined;
  const callee = skipTypeWrappers(link.node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const at = skipTypeWrappers(callee.object).range[1];
  return { range: [at, at], text };
}

/** A splice inserting `text` right after chain link `index` (a call). */
export function insertCallAfter(chain: Chain, index: number, text: string): Splice | undefined {
  const link = chain.links[index];
  if (link?.kind !== 'call') return undefined;
  return { range: [link.node.range[1], link.node.range[1]], text };
}

/** The index of the first call link named in `names`, or -1. */
export function linkIndex(chain: Chain, names: ReadonlySet<string>, from = 0): number {
  for (let i = from; i < chain.links.length; i++) {
    const link = chain.links[i]!;
    if (link.kind === 'call' && link.name !== undefined && names.has(link.name)) return i;
  }
  return -1;
}

/** Whether `inner` lies inside `outer` (by source range). */
export function isWithin(inner: TSESTree.Node, outer: TSESTree.Node | undefined): boolean {
  return outer !== undefined && inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

/** Whether `node` lies inside an argument of any call link of the request's chain (not `.then` callbacks). */
export function withinChainArgs(node: TSESTree.Node, req: ShapeRequest): boolean {
  for (const link of req.chain.links) {
    if (link.kind !== 'call' || link.name === 'then' || link.name === 'catch' || link.name === 'finally') continue;
    if (link.args.some((a) => isWithin(node, a))) return true;
  }
  return false;
}

/** The string value of a literal or a template without expressions. */
export function stringValue(node: TSESTree.Node | undefined): string | undefined {
  if (node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node?.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** `'users.id'` → `id`; `'u.id as userId'` → `id`. */
export function bareColumn(column: string): string {
  const noAlias = column.split(/\s+as\s+/i)[0]!.trim();
  return noAlias.slice(noAlias.lastIndexOf('.') + 1);
}

/** Single-quoted JS string literal text. */
export function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Whether an object literal has a spread (`{ ...args, take: 1 }`): its other keys may hide there. */
export function hasSpread(object: TSESTree.ObjectExpression | undefined): boolean {
  return object?.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement) ?? false;
}

/** Whether a `select`-like link of the chain computes an SQL aggregate (`COUNT(*)`, `max(score)`): one row per group. */
export function selectsAggregate(chain: Chain, sourceCode: Readonly<TSESLint.SourceCode>, names: ReadonlySet<string> = new Set(['select', 'addSelect', 'column', 'columns', 'selectRaw'])): boolean {
  return linksNamed(chain, names).some((link) => link.args.some((a) => /\b(?:count|sum|avg|min|max|countAll)\s*(?:<[^>]*>)?\s*\(/i.test(sourceCode.getText(a))));
}

/** The method name node of a member call (`first` in `q.first()`), for reporting; the call itself otherwise. */
export function methodNode(call: TSESTree.CallExpression): TSESTree.Node {
  const callee = skipTypeWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression ? callee.property : call;
}
