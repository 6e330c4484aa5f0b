import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { staticKey } from '../ast.js';
import { quote } from './shape.js';
import { spliceNodeText, type Splice } from '../fixes.js';
import type { CallLink } from './common.js';

/** Helpers the per-ORM rewrite builders (`countRewrite`, `existsRewrite`…) share. */

/** An options object argument: absent, an object literal with static keys, or something we cannot read. */
export type Options =
  | { readonly kind: 'absent' }
  | { readonly kind: 'object'; readonly node: TSESTree.ObjectExpression; readonly props: ReadonlyMap<string, TSESTree.Property> }
  | { readonly kind: 'opaque' };

export function readOptions(node: TSESTree.Node | undefined): Options {
  if (node === undefined) return { kind: 'absent' };
  if (node.type !== AST_NODE_TYPES.ObjectExpression) return { kind: 'opaque' };
  const props = new Map<string, TSESTree.Property>();
  for (const prop of node.properties) {
    if (prop.type !== AST_NODE_TYPES.Property) return { kind: 'opaque' };
    const key = staticKey(prop);
    if (key === undefined || prop.kind !== 'init' || prop.method) return { kind: 'opaque' };
    props.set(key, prop);
  }
  return { kind: 'object', node, props };
}

export function hasAny(options: Options, keys: readonly string[]): boolean {
  return options.kind === 'object' && keys.some((k) => options.props.has(k));
}

/** Keys outside `known`: options the builder does not understand. */
export function unknownKeys(options: Options, known: ReadonlySet<string>): boolean {
  return options.kind === 'object' && [...options.props.keys()].some((k) => !known.has(k));
}

/** `{ id: true, email: true }`-style entry key: bare when it is an identifier, quoted otherwise. */
export function keyText(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : quote(key);
}


/** `key: value`, or the shorthand `key` when the value is the same name. */
export function entryText(key: string, value: string): string {
  return value === key && /^[A-Za-z_$][\w$]*$/.test(key) ? key : `${keyText(key)}: ${value}`;
}

/** `{ id: true, email: true }`. */
export function fieldsObject(fields: readonly string[], value = 'true'): string {
  return `{ ${fields.map((f) => entryText(f, value)).join(', ')} }`;
}

/**
 * The text of an object literal rebuilt from its properties: `drop` removed, `set` values replaced, `add`
 * entries appended. Properties keep their source text; a multi-line literal stays multi-line.
 */
export function editObject(
  sourceCode: Readonly<TSESLint.SourceCode>,
  options: Options,
  edits: { readonly drop?: Iterable<string>; readonly set?: ReadonlyMap<string, string>; readonly add?: readonly (readonly [string, string])[] },
): string {
  const drop = new Set(edits.drop ?? []);
  const entries: string[] = [];
  if (options.kind === 'object') {
    for (const [key, prop] of options.props) {
      if (drop.has(key)) continue;
      const value = edits.set?.get(key);
      entries.push(value === undefined ? sourceCode.getText(prop) : entryText(key, value));
    }
  }
  for (const [key, value] of edits.add ?? []) entries.push(entryText(key, value));
  if (entries.length === 0) return '{}';
  if (options.kind === 'object' && options.node.loc.start.line !== options.node.loc.end.line) {
    const first = options.node.properties[0];
    const closeIndent = /^\s*/.exec(sourceCode.lines[options.node.loc.end.line - 1] ?? '')?.[0] ?? '';
    const indent = first && first.loc.start.line !== options.node.loc.start.line ? (/^\s*/.exec(sourceCode.lines[first.loc.start.line - 1] ?? '')?.[0] ?? '') : `${closeIndent}  `;
    const last = sourceCode.getLastToken(options.node, { skip: 1 });
    const trailing = last?.value === ',' ? ',' : '';
    return `{\n${indent}${entries.join(`,\n${indent}`)}${trailing}\n${closeIndent}}`;
  }
  return `{ ${entries.join(', ')} }`;
}


/** One change to a chain: drop a link, rename its method, replace its arguments, or add text after it. */
export type LinkEdit =
  | { readonly remove: CallLink }
  | { readonly replace: CallLink; readonly text: string }
  | { readonly rename: CallLink; readonly name: string }
  | { readonly args: CallLink; readonly text: string }
  | { readonly after: TSESTree.Node; readonly text: string };

/** The text of `call` (the end of a chain) with `edits` applied; undefined when an edit cannot be placed. */
export function editChain(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression, edits: readonly LinkEdit[]): string | undefined {
  const splices: Splice[] = [];
  for (const edit of edits) {
    if ('remove' in edit || 'replace' in edit) {
      const link = 'remove' in edit ? edit.remove : edit.replace;
      const callee = link.node.callee;
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      splices.push({ range: [callee.object.range[1], link.node.range[1]], text: 'replace' in edit ? edit.text : '' });
    } else if ('rename' in edit) {
      const callee = edit.rename.node.callee;
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return undefined;
      splices.push({ range: callee.property.range, text: edit.name });
    } else if ('args' in edit) {
      const node = edit.args.node;
      const start = (node.typeArguments ?? node.callee).range[1];
      splices.push({ range: [start, node.range[1]], text: `(${edit.text})` });
    } else {
      splices.push({ range: [edit.after.range[1], edit.after.range[1]], text: edit.text });
    }
  }
  try {
    return spliceNodeText(sourceCode, call, splices);
  } catch {
    return undefined;
  }
}

/** The text of the receiver of a member call (`prisma.user` for `prisma.user.findMany()`). */
export function receiverText(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): string | undefined {
  return call.callee.type === AST_NODE_TYPES.MemberExpression ? sourceCode.getText(call.callee.object) : undefined;
}



