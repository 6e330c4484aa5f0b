import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { dottedName, parentSkippingWrappers, skipTypeWrappers } from './ast.js';
import { hasComments } from './fixes.js';
import type { Iteration } from './iteration.js';
import { type Evidence, type OrmId, type OrmModule, type QueryRef, type RecognizeContext, type RelationLoad, type Splice } from './orm/types.js';

/** A per-item relation load inside an iteration over rows: what `prefer-eager-load` reports. */
export interface EagerLoad {
  readonly orm: OrmId;
  /** The node to report: the per-item call, or the lazy property read. */
  readonly node: TSESTree.Node;
  /** `post.getAuthor()`, `prisma.user.findUnique(…)`, for messages. */
  readonly display: string;
  readonly evidence: Evidence;
  readonly iteration: Iteration;
  readonly relation: string;
  /** What the relation name was derived from when neither the API nor the checker named it (`authorId`). */
  readonly assumedFrom?: string | undefined;
  /** The query the iterated rows come from, when visible and of the same ORM. */
  readonly source?: QueryRef & { readonly displayName: string } | undefined;
  /** Where the rows come from when `source` is not visible (`posts`, `getPosts()`), for messages. */
  readonly rows?: string | undefined;
  /** The eager-load option in this ORM's API (`include: { author: true }`). */
  readonly hint: string;
  /** Text that replaces the per-item load (`post.author`); `null` when the per-item expression stays. */
  readonly loaded: string | null;
  /** The two-place edit (the source query, then the per-item load), when a faithful one exists. */
  readonly edits?: readonly Splice[] | undefined;
  /** The source query already loads the relation: the edit only replaces the per-item load. */
  readonly alreadyLoaded?: boolean | undefined;
}

export interface EagerLoadServices {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  readonly ctx: RecognizeContext;
  iterations(node: TSESTree.Node): readonly Iteration[];
  /** Rows of a query, through subsets (`.filter()`) and `findAndCount` pairs. */
  rowsSource(expr: TSESTree.Expression): (QueryRef & { readonly displayName: string }) | undefined;
  module(id: OrmId): OrmModule;
}

/**
 * The eager-load candidate a per-item query or lazy property read is: a load of one relation of the
 * item of an enclosing iteration. Explicit keyed queries (`findUnique({ where: { id: post.authorId } })`)
 * count only when the two-place edit exists (otherwise a batched lookup is the better advice);
 * relation APIs (`post.getAuthor()`) count whether or not the rows' query is visible.
 */
export function findEagerLoad(
  services: EagerLoadServices,
  target: { readonly query: QueryRef & { readonly displayName: string } } | { readonly member: TSESTree.MemberExpression },
): EagerLoad | undefined {
  const { sourceCode } = services;
  const query = 'query' in target ? target.query : undefined;
  const member = 'member' in target ? target.member : undefined;
  const node: TSESTree.Node = query?.node ?? member!;
  const iterations = services.iterations(node).filter((it) => it.item !== undefined && it.bound !== 'small');
  if (iterations.length === 0) return undefined;
  const itemIteration = (id: TSESTree.Node): Iteration | undefined => {
    if (id.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
    const def = variable?.defs[0];
    if (!def) return undefined;
    return iterations.find((it) => it.item === def.name);
  };
  const dependsOnItem = (root: TSESTree.Node): boolean => {
    let found = false;
    visitReferences(root, (id) => {
      if (!found && itemIteration(id)) found = true;
    });
    return found;
  };

  const modules = query ? [services.module(query.orm)] : [];
  if (member) {
    // A lazy property read belongs to the ORM of the rows being iterated.
    const owner = itemIteration(skipTypeWrappers(member.object));
    const source = owner?.iterable ? services.rowsSource(owner.iterable) : undefined;
    if (source) modules.push(services.module(source.orm));
  }
  for (const mod of modules) {
    if (!mod.eager) continue;
    // The innermost iteration decides concurrency (Prisma batches same-tick `findUnique`s).
    const concurrent = iterations[0]!.concurrent;
    let load: RelationLoad | undefined;
    let iteration: Iteration | undefined;
    let source: (QueryRef & { readonly displayName: string }) | undefined;
    try {
      // First pass without the source, to find the owner and so the iteration; then with it.
      const request = { query, member, sourceCode, isItem: (n: TSESTree.Node) => itemIteration(n) !== undefined, dependsOnItem, concurrent, ctx: services.ctx };
      const probe = mod.eager.relationLoad(request);
      if (!probe) continue;
      iteration = itemIteration(skipTypeWrappers(probe.owner));
      if (!iteration) continue;
      const rows = iteration.iterable ? services.rowsSource(iteration.iterable) : undefined;
      source = rows && rows.orm === mod.id && rows.evidence !== 'name' && rows.operation === 'read-many' ? rows : undefined;
      load = source ? mod.eager.relationLoad({ ...request, source, concurrent: iteration.concurrent }) : probe;
    } catch {
      continue;
    }
    if (!load || !iteration || load.confirmed === false) continue;
    const keyed = query !== undefined && query.operation !== 'relation-load';
    const plan = source ? twoPlaceEdits(mod, source, load, query, member, sourceCode) : undefined;
    // The source already loads the relation and the per-item call then reads it without a query.
    if (plan === 'loaded') return undefined;
    const edits = plan?.edits;
    // A keyed lookup without an eager-load rewrite is `no-query-in-loop`'s (its batched lookup is the advice).
    if (keyed && edits === undefined) return undefined;
    const evidence = load.evidence ?? query?.evidence ?? 'name';
    return {
      orm: mod.id,
      node,
      display: query ? query.displayName : sourceCode.getText(member!),
      evidence,
      iteration,
      relation: load.relation,
      assumedFrom: load.confirmed ? undefined : load.assumedFrom,
      source,
      rows: source ? undefined : rowsDescription(iteration, sourceCode),
      hint: mod.eager.hint(load.relation, source),
      loaded: load.loaded,
      edits,
      alreadyLoaded: plan?.alreadyLoaded,
    };
  }
  return undefined;
}

/** The source query's edit plus the per-item replacement, or undefined when either is not faithful. */
function twoPlaceEdits(
  mod: OrmModule,
  source: QueryRef,
  load: RelationLoad,
  query: QueryRef | undefined,
  member: TSESTree.MemberExpression | undefined,
  sourceCode: Readonly<TSESLint.SourceCode>,
): { edits: readonly Splice[]; alreadyLoaded: boolean } | 'loaded' | undefined {
  const include = mod.eager!.include({ source: source, relation: load.relation, nested: load.nested, sourceCode });
  if (include === undefined) return undefined;
  if (load.loaded === null) return include.length > 0 ? { edits: include, alreadyLoaded: false } : 'loaded';
  if (hasTypedRowsBinding(source.node)) return undefined;
  let target: TSESTree.Node;
  if (load.target) target = load.target;
  else if (query) {
    const parent = parentSkippingWrappers(query.node);
    target = parent?.type === AST_NODE_TYPES.AwaitExpression ? parent : query.node;
  } else {
    target = member!;
  }
  if (hasComments(sourceCode, target)) return undefined;
  const parent = parentSkippingWrappers(target);
  // `findUnique(…).then(…)`: the value is no promise any more.
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === target && target.type !== AST_NODE_TYPES.AwaitExpression) return undefined;
  let replacement: Splice;
  const grand = parent ? parentSkippingWrappers(parent) : undefined;
  if (
    parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.operator === '=' && parent.right === target &&
    grand?.type === AST_NODE_TYPES.ExpressionStatement && sourceCode.getText(parent.left) === load.loaded
  ) {
    // `post.author = await …findOneBy({ id: post.authorId })`: the relation is already there.
    replacement = { range: removalRange(sourceCode, grand), text: '' };
  } else if (load.removable && parent?.type === AST_NODE_TYPES.ExpressionStatement) {
    replacement = { range: removalRange(sourceCode, parent), text: '' };
  } else {
    replacement = { range: target.range, text: load.loaded };
  }
  if (include.some((s) => overlaps(s.range, replacement.range))) return undefined;
  return { edits: [...include, replacement], alreadyLoaded: include.length === 0 };
}

function overlaps(a: readonly [number, number], b: readonly [number, number]): boolean {
  return a[0] < b[1] && b[0] < a[1];
}

/** A statement's range plus its line when it stands alone on it. */
function removalRange(sourceCode: Readonly<TSESLint.SourceCode>, stmt: TSESTree.Node): [number, number] {
  const text = sourceCode.text;
  let start = stmt.range[0];
  let end = stmt.range[1];
  let lineStart = start;
  while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--;
  let lineEnd = end;
  while (lineEnd < text.length && (text[lineEnd] === ' ' || text[lineEnd] === '\t')) lineEnd++;
  if ((lineStart === 0 || text[lineStart - 1] === '\n') && text[lineEnd] === '\n') {
    start = lineStart;
    end = lineEnd + 1;
  }
  return [start, end];
}

/** `const posts: Post[] = await …`: the annotation would not show the loaded relation. */
function hasTypedRowsBinding(call: TSESTree.CallExpression): boolean {
  let node: TSESTree.Node = call;
  let parent = parentSkippingWrappers(node);
  if (parent?.type === AST_NODE_TYPES.AwaitExpression) {
    node = parent;
    parent = parentSkippingWrappers(node);
  }
  // Truthiness, not `!== undefined`: oxlint's AST (JS plugins) has `typeAnnotation: null` where typescript-estree omits it.
  return parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier && Boolean(parent.id.typeAnnotation);
}

/** `posts`, `getPosts()`: where the iterated rows come from, for messages. */
function rowsDescription(iteration: Iteration, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  let iterable = iteration.iterable ? skipTypeWrappers(iteration.iterable) : undefined;
  if (!iterable) return undefined;
  if (iterable.type === AST_NODE_TYPES.AwaitExpression) iterable = skipTypeWrappers(iterable.argument);
  if (iterable.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(iterable), iterable);
    const def = variable?.defs[0];
    if (def?.type === 'Variable' && def.node.init && def.node.id === def.name) {
      let init = skipTypeWrappers(def.node.init);
      if (init.type === AST_NODE_TYPES.AwaitExpression) init = skipTypeWrappers(init.argument);
      if (init.type === AST_NODE_TYPES.CallExpression) {
        const callee = dottedName(init.callee);
        if (callee !== undefined && callee.length <= 40) return `${callee}()`;
      }
    }
    return iterable.name;
  }
  const text = dottedName(iterable);
  if (text !== undefined) return text;
  if (iterable.type === AST_NODE_TYPES.CallExpression) {
    const callee = dottedName(iterable.callee);
    if (callee !== undefined && callee.length <= 40) return `${callee}()`;
  }
  return undefined;
}

/** Calls `visit` on identifiers that are references (not property keys or member names). */
function visitReferences(node: TSESTree.Node, visit: (id: TSESTree.Identifier) => void): void {
  const walk = (n: TSESTree.Node): void => {
    switch (n.type) {
      case AST_NODE_TYPES.Identifier:
        visit(n);
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
        for (const [key, value] of Object.entries(n)) {
          if (key === 'parent' || key === 'typeAnnotation' || key === 'typeArguments') continue;
          if (Array.isArray(value)) {
            for (const v of value) if (v && typeof (v as TSESTree.Node).type === 'string') walk(v as TSESTree.Node);
          } else if (value && typeof value === 'object' && typeof (value as TSESTree.Node).type === 'string') walk(value as TSESTree.Node);
        }
    }
  };
  walk(node);
}

// ---------------------------------------------------------------------------------------------
// Relation names

/** `authorId` / `author_id` / `authorID` → `author`; undefined for keys without such a suffix. */
export function relationFromKey(key: string): string | undefined {
  const match = /^(.+?)(?:Id|ID|_id|Uuid|_uuid)$/.exec(key);
  return match?.[1] === undefined || match[1] === '' || match[1] === '_' ? undefined : match[1];
}

/** The to-many relation name a model is reached by: `comment`/`Comment`/`comments` → `comments`. */
export function pluralRelation(model: string): string {
  const camel = lowerFirst(model.replace(/[^A-Za-z0-9_$]/g, '_'));
  if (/s$/.test(camel)) return camel;
  if (/[^aeiou]y$/.test(camel)) return `${camel.slice(0, -1)}ies`;
  if (/(?:x|z|ch|sh)$/.test(camel)) return `${camel}es`;
  return `${camel}s`;
}

/** `posts`/`Post`/`post` → `post`: a model's singular camel-case name, to compare with key prefixes. */
export function singularModel(model: string): string {
  const camel = lowerFirst(model.replace(/[^A-Za-z0-9_$]/g, '_'));
  if (/ies$/.test(camel)) return `${camel.slice(0, -3)}y`;
  if (/(?:x|z|ch|sh)es$/.test(camel)) return camel.slice(0, -2);
  if (/[^s]s$/.test(camel)) return camel.slice(0, -1);
  return camel;
}

export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** An object key as source text: `author`, or `'author-id'` when it is no identifier. */
export function keyText(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key.replace(/'/g, "\\'")}'`;
}

// ---------------------------------------------------------------------------------------------
// Edits

/** Inserts `entry` (`author: true`) as the last entry of an object literal, keeping its layout. */
export function addObjectEntry(sourceCode: Readonly<TSESLint.SourceCode>, object: TSESTree.ObjectExpression, entry: string): Splice {
  return addListItem(sourceCode, object, object.properties, entry, '{', '}');
}

/** Inserts `element` as the last element of an array literal, keeping its layout. */
export function addArrayElement(sourceCode: Readonly<TSESLint.SourceCode>, array: TSESTree.ArrayExpression, element: string): Splice {
  return addListItem(sourceCode, array, array.elements.filter((e): e is NonNullable<typeof e> => e !== null), element, '[', ']');
}

function addListItem(
  sourceCode: Readonly<TSESLint.SourceCode>,
  container: TSESTree.Node,
  items: readonly TSESTree.Node[],
  text: string,
  open: string,
  close: string,
): Splice {
  const last = items[items.length - 1];
  if (!last) {
    // `{}` → `{ author: true }`, `[]` → `['author']`.
    const pad = open === '{' ? ' ' : '';
    return { range: [container.range[0], container.range[1]], text: `${open}${pad}${text}${pad}${close}` };
  }
  const after = sourceCode.getTokenAfter(last);
  const multiline = container.loc.start.line !== container.loc.end.line && last.loc.end.line !== container.loc.end.line;
  if (multiline) {
    const indent = ' '.repeat(last.loc.start.column);
    if (after && after.value === ',') return { range: [after.range[1], after.range[1]], text: `\n${indent}${text},` };
    return { range: [last.range[1], last.range[1]], text: `,\n${indent}${text}` };
  }
  return { range: [last.range[1], last.range[1]], text: `, ${text}` };
}

/** Appends an argument to a call: `findMany()` → `findMany(arg)`, `find(Post, {})` → `find(Post, {}, arg)`. */
export function addCallArgument(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression, arg: string): Splice | undefined {
  const last = call.arguments[call.arguments.length - 1];
  if (last?.type === AST_NODE_TYPES.SpreadElement) return undefined;
  if (last) return { range: [last.range[1], last.range[1]], text: `, ${arg}` };
  const closing = sourceCode.getLastToken(call);
  if (closing?.value !== ')') return undefined;
  return { range: [closing.range[0], closing.range[0]], text: arg };
}

/** The text of a string literal's replacement with the same quotes: `'a'` → `'a b'`. */
export function stringLiteralText(literal: TSESTree.StringLiteral, value: string): string {
  const quote = literal.raw.startsWith('"') ? '"' : "'";
  return `${quote}${value.replace(new RegExp(quote, 'g'), `\\${quote}`)}${quote}`;
}

/** Whether `node` is the await-less value of a statement: `await post.populate('x');`. */
export function isUnusedValue(node: TSESTree.Node): boolean {
  const parent = parentSkippingWrappers(node);
  if (parent?.type === AST_NODE_TYPES.AwaitExpression) return parentSkippingWrappers(parent)?.type === AST_NODE_TYPES.ExpressionStatement;
  return parent?.type === AST_NODE_TYPES.ExpressionStatement;
}

// ---------------------------------------------------------------------------------------------
// Keyed per-item lookups

/** One `key: value` condition of a per-item lookup's filter. */
export interface KeyCondition {
  /** Column/field compared (`id`, `authorId`, `post`). */
  readonly key: string;
  readonly value: TSESTree.Node;
}

/** A per-item lookup keyed by the item, read as a relation of the item. */
export interface KeyedRelation {
  readonly owner: TSESTree.Expression;
  readonly relation: string;
  readonly assumedFrom?: string | undefined;
  /** To-many (`findMany({ where: { postId: post.id } })`). */
  readonly many: boolean;
}

/**
 * Reads a lookup condition as a relation of the item: `id = post.authorId` (or `post.author.id`) is
 * `post`'s to-one `author`; `postId = post.id` (or `post = post.id` / `post`) is `post`'s to-many relation to
 * `model` (`comments`, assumed from the model's name). `pk` is the looked-up model's key field (`id`, `_id`).
 */
export function keyedRelation(
  condition: KeyCondition,
  model: string | undefined,
  isItem: (node: TSESTree.Node) => boolean,
  pk: readonly string[] = ['id'],
): KeyedRelation | undefined {
  const value = skipTypeWrappers(condition.value as TSESTree.Expression);
  // To-many: the looked-up rows point at the item.
  const itemRef = isItem(value) ? value : itemPk(value, isItem, pk);
  if (itemRef && !pk.includes(condition.key)) {
    const prefix = relationFromKey(condition.key) ?? condition.key;
    if (model === undefined || !/^[A-Za-z_$][\w$]*$/.test(prefix)) return undefined;
    return { owner: itemRef, relation: pluralRelation(model), assumedFrom: model, many: true };
  }
  if (!pk.includes(condition.key) || value.type !== AST_NODE_TYPES.MemberExpression || value.computed) return undefined;
  const prop = propertyNameOf(value);
  if (prop === undefined) return undefined;
  // `post.author.id`: the item holds the relation itself.
  if (pk.includes(prop) && value.object.type === AST_NODE_TYPES.MemberExpression && !value.object.computed && isItem(skipTypeWrappers(value.object.object))) {
    const relation = propertyNameOf(value.object);
    return relation === undefined ? undefined : { owner: skipTypeWrappers(value.object.object), relation, many: false };
  }
  if (!isItem(skipTypeWrappers(value.object))) return undefined;
  const relation = relationFromKey(prop);
  return relation === undefined ? undefined : { owner: skipTypeWrappers(value.object), relation, assumedFrom: prop, many: false };
}

/** `post.id` (the item's own key) → `post`. */
function itemPk(value: TSESTree.Expression, isItem: (node: TSESTree.Node) => boolean, pk: readonly string[]): TSESTree.Expression | undefined {
  if (value.type !== AST_NODE_TYPES.MemberExpression || value.computed) return undefined;
  const prop = propertyNameOf(value);
  const object = skipTypeWrappers(value.object);
  return prop !== undefined && pk.includes(prop) && isItem(object) ? object : undefined;
}

function propertyNameOf(member: TSESTree.MemberExpression): string | undefined {
  return !member.computed && member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
}

/** `post.author` (or `post['author-x']`) as source text. */
export function loadedText(ownerText: string, relation: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(relation) ? `${ownerText}.${relation}` : `${ownerText}[${keyText(relation)}]`;
}

/** The conditions of an object filter, or undefined when it has spreads or computed keys. */
export function objectConditions(filter: TSESTree.ObjectExpression): KeyCondition[] | undefined {
  const out: KeyCondition[] = [];
  for (const prop of filter.properties) {
    if (prop.type !== AST_NODE_TYPES.Property || prop.computed && prop.key.type !== AST_NODE_TYPES.Literal) return undefined;
    const key = prop.key.type === AST_NODE_TYPES.Identifier ? prop.key.name : prop.key.type === AST_NODE_TYPES.Literal ? String(prop.key.value) : undefined;
    if (key === undefined) return undefined;
    // `{ post: { id: post.id } }` (TypeORM/MikroORM relation filter) reads as `post = post.id`.
    if (prop.value.type === AST_NODE_TYPES.ObjectExpression && prop.value.properties.length === 1) {
      const inner = prop.value.properties[0]!;
      if (inner.type === AST_NODE_TYPES.Property && !inner.computed && inner.key.type === AST_NODE_TYPES.Identifier && (inner.key.name === 'id' || inner.key.name === '_id')) {
        out.push({ key, value: inner.value });
        continue;
      }
    }
    out.push({ key, value: prop.value });
  }
  return out;
}

/**
 * The single item-keyed condition of a per-item filter: exactly one condition reads the item, through a
 * key the helper understands; any other condition must not read it.
 */
export function singleItemCondition(conditions: readonly KeyCondition[], dependsOnItem: (node: TSESTree.Node) => boolean): { keyed: KeyCondition; rest: KeyCondition[] } | undefined {
  const keyed = conditions.filter((c) => dependsOnItem(c.value));
  if (keyed.length !== 1) return undefined;
  return { keyed: keyed[0]!, rest: conditions.filter((c) => c !== keyed[0]) };
}
