import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, childNodes, isFunction, parentSkippingWrappers, skipTypeWrappers, visitReferences } from './ast.js';

export type IterationKind = 'for' | 'for-of' | 'for-in' | 'for-await' | 'while' | 'do-while' | 'callback';

export interface Iteration {
  readonly kind: IterationKind;
  /** The loop statement, or the call that takes the per-item callback (`orders.map(cb)`). */
  readonly node: TSESTree.Node;
  /** For callbacks: the array method or helper (`map`, `forEach`, `pMap`). */
  readonly method?: string | undefined;
  readonly callback?: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | undefined;
  /** What is iterated: the `for…of` right side or the receiver of `.map`. */
  readonly iterable?: TSESTree.Expression | undefined;
  /** The per-item binding: the loop variable pattern or the callback's first parameter. */
  readonly item?: TSESTree.Node | undefined;
  /** Runs its bodies concurrently: `Promise.all(items.map(async …))`. */
  readonly concurrent: boolean;
  /**
   * How many times it runs, as far as the code shows: `small` for a literal array of at most
   * `SMALL_LIMIT` items or a counted loop to a small literal (retries), `collection` for one pass
   * over a collection, `unknown` for `while` loops and counted loops without a visible bound.
   */
  readonly bound: 'small' | 'collection' | 'unknown';
}

export const SMALL_LIMIT = 10;

/**
 * A counted loop that steps by more than one (`for (let i = 0; i < ids.length; i += BATCH_SIZE)`): each turn
 * works on a slice of the collection, not on one item.
 */
export function stepsByBatch(iteration: Iteration): boolean {
  if (iteration.kind !== 'for') return false;
  const update = (iteration.node as TSESTree.ForStatement).update;
  return update?.type === AST_NODE_TYPES.AssignmentExpression && update.operator === '+=' && !(update.right.type === AST_NODE_TYPES.Literal && update.right.value === 1);
}

/** Array methods that turn a list into another list (`batch.map((b) => b.id)`). */
const LIST_DERIVING = new Set(['map', 'filter', 'slice', 'flatMap', 'flat', 'concat']);

/**
 * Whether `list` (an IN list) is the iteration's item or a list built from it (`batch`, `batch.map((b) => b.id)`,
 * or a loop-local `const ids = batch.map(…)`): each turn then works on a
 * batch of rows, and the loop is chunked processing, not one query per row.
 */
export function listBuiltFromItem(list: TSESTree.Node, iteration: Iteration, sourceCode: Readonly<TSESLint.SourceCode>, itemItself = true, depth = 0): boolean {
  const item = iteration.item;
  if (!item || depth > 4) return false;
  const node = skipTypeWrappers(list as TSESTree.Expression);
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
    const def = variable?.defs[0];
    if (!def) return false;
    // The item itself (a name destructured from it may be one row's own list: still one query per row).
    if (def.name === item) return itemItself || depth > 0;
    // A loop-local list computed from the item.
    const inLoop = def.name.range[0] >= iteration.node.range[0] && def.name.range[1] <= iteration.node.range[1];
    return inLoop && def.type === 'Variable' && def.node.id === def.name && def.node.init != null && listBuiltFromItem(def.node.init, iteration, sourceCode, itemItself, depth + 1);
  }
  if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && !node.callee.computed) {
    const method = node.callee.property.type === AST_NODE_TYPES.Identifier ? node.callee.property.name : undefined;
    return method !== undefined && LIST_DERIVING.has(method) && listBuiltFromItem(node.callee.object, iteration, sourceCode, itemItself, depth + 1);
  }
  return false;
}

/** Array methods whose callback runs once per element. */
const ARRAY_CALLBACKS = new Set(['forEach', 'map', 'flatMap', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex']);
/** Helpers taking (items, callback): p-map, Bluebird, async. */
const HELPER_CALLBACKS = new Set(['pMap', 'pMapSeries', 'pEachSeries', 'eachSeries', 'eachLimit', 'mapSeries', 'mapLimit', 'each']);
const CONCURRENT = new Set(['all', 'allSettled', 'any', 'race']);

/**
 * The loops and per-item callbacks that repeat `node`, innermost first. The walk stops at a function
 * that is not such a callback (its body runs when called, not per item) and skips parts evaluated
 * once (a `for…of` iterable, a `for` initializer).
 */
export function enclosingIterations(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): Iteration[] {
  const out: Iteration[] = [];
  let child: TSESTree.Node = node;
  let parent = node.parent;
  while (parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.ForOfStatement:
        if (child === parent.body) {
          out.push({
            kind: parent.await ? 'for-await' : 'for-of',
            node: parent,
            iterable: parent.right,
            item: loopItem(parent.left),
            concurrent: false,
            bound: literalBound(parent.right, sourceCode),
          });
        }
        break;
      case AST_NODE_TYPES.ForInStatement:
        if (child === parent.body) out.push({ kind: 'for-in', node: parent, iterable: parent.right, item: loopItem(parent.left), concurrent: false, bound: 'collection' });
        break;
      case AST_NODE_TYPES.ForStatement:
        if (child !== parent.init) out.push({ kind: 'for', node: parent, concurrent: false, bound: countedBound(parent.test) });
        break;
      case AST_NODE_TYPES.WhileStatement:
        out.push({ kind: 'while', node: parent, concurrent: false, bound: countedBound(parent.test) });
        break;
      case AST_NODE_TYPES.DoWhileStatement:
        out.push({ kind: 'do-while', node: parent, concurrent: false, bound: countedBound(parent.test) });
        break;
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.FunctionDeclaration: {
        const it = callbackIteration(parent, sourceCode);
        if (!it) return out;
        out.push(it);
        child = it.node;
        parent = it.node.parent;
        continue;
      }
      case AST_NODE_TYPES.Program:
      case AST_NODE_TYPES.StaticBlock:
      case AST_NODE_TYPES.PropertyDefinition:
        return out;
      default:
        break;
    }
    child = parent;
    parent = parent.parent;
  }
  return out;
}

function loopItem(left: TSESTree.ForInStatement['left'] | TSESTree.ForOfStatement['left']): TSESTree.Node | undefined {
  if (left.type === AST_NODE_TYPES.VariableDeclaration) return left.declarations[0]?.id;
  return left;
}

/** If `fn` is a per-item callback (`items.map(fn)`, `pMap(items, fn)`), its iteration. */
function callbackIteration(fn: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): Iteration | undefined {
  if (!isFunction(fn) || fn.type === AST_NODE_TYPES.FunctionDeclaration) return undefined;
  const call = parentSkippingWrappers(fn);
  if (call?.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const name = calleeName(call);
  if (name === undefined) return undefined;
  const callee = skipTypeWrappers(call.callee);
  let iterable: TSESTree.Expression | undefined;
  if (ARRAY_CALLBACKS.has(name) && callee.type === AST_NODE_TYPES.MemberExpression && call.arguments[0] === fn) {
    iterable = callee.object;
  } else if ((HELPER_CALLBACKS.has(name) || (name === 'map' && callee.type === AST_NODE_TYPES.MemberExpression && isPromiseLib(callee.object))) && call.arguments[1] === fn) {
    const first = call.arguments[0];
    iterable = first && first.type !== AST_NODE_TYPES.SpreadElement ? first : undefined;
  } else {
    return undefined;
  }
  const concurrent = (name === 'map' || name === 'flatMap') && isAwaitedTogether(call);
  return {
    kind: 'callback',
    node: call,
    method: name,
    callback: fn,
    iterable,
    item: fn.params[0],
    concurrent: concurrent || name === 'pMap' || name === 'mapLimit' || (name === 'map' && callee.type === AST_NODE_TYPES.MemberExpression && isPromiseLib(callee.object)),
    bound: iterable ? literalBound(iterable, sourceCode) : 'collection',
  };
}

function isPromiseLib(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Identifier && /^(?:Promise|Bluebird|P|bluebird)$/.test(node.name);
}

/** `Promise.all(items.map(…))` (also through a variable: `const ps = items.map(…); await Promise.all(ps)`). */
function isAwaitedTogether(call: TSESTree.CallExpression): boolean {
  const parent = parentSkippingWrappers(call);
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === call) return isPromiseCombinator(parent);
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) {
    const name = parent.id.name;
    let scope: TSESTree.Node | undefined = parent.parent;
    while (scope && scope.type !== AST_NODE_TYPES.BlockStatement && scope.type !== AST_NODE_TYPES.Program) scope = scope.parent;
    if (!scope) return false;
    // Cheap scan of the block for `Promise.all(name)`.
    const body = scope.type === AST_NODE_TYPES.BlockStatement ? scope.body : scope.body;
    return body.some((stmt) => containsCombinatorOf(stmt, name));
  }
  return false;
}

function containsCombinatorOf(node: TSESTree.Node, name: string): boolean {
  let found = false;
  const visit = (n: TSESTree.Node): void => {
    if (found) return;
    if (n.type === AST_NODE_TYPES.CallExpression && isPromiseCombinator(n)) {
      const arg = n.arguments[0];
      if (arg?.type === AST_NODE_TYPES.Identifier && arg.name === name) {
        found = true;
        return;
      }
    }
    childNodes(n).forEach(visit);
  };
  visit(node);
  return found;
}

export function isPromiseCombinator(call: TSESTree.CallExpression): boolean {
  const callee = skipTypeWrappers(call.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    isPromiseLib(callee.object) &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    CONCURRENT.has(callee.property.name)
  );
}

/** `['a', 'b']` or a `const` bound to a short literal array (or to a list no longer than one: `unique([a, b]).map(…)`). */
function literalBound(iterable: TSESTree.Expression, sourceCode: Readonly<TSESLint.SourceCode>): 'small' | 'collection' {
  return smallLiteralList(iterable, sourceCode) || entityMetadataList(iterable, sourceCode) ? 'small' : 'collection';
}

/** Array methods whose result is no longer than their receiver. */
const NOT_LONGER = new Set(['map', 'filter', 'slice', 'toSorted', 'toReversed', 'sort', 'reverse']);
/** Helpers (lodash, app utilities) that deduplicate or compact their first argument. */
const DEDUPE = /^(?:unique|uniq|uniqBy|uniqueBy|compact|dedupe|dedup)$/;

/** Array methods that add elements in place. */
const GROWING = new Set(['push', 'unshift', 'splice']);

/** `list.push(x)`, `list.splice(…)`, `list[i] = x`: a reference that adds to the array. */
function grows(ref: TSESTree.Identifier | TSESTree.JSXIdentifier): boolean {
  const member = ref.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== ref) return false;
  if (member.computed) return member.parent.type === AST_NODE_TYPES.AssignmentExpression && member.parent.left === member;
  return member.property.type === AST_NODE_TYPES.Identifier && GROWING.has(member.property.name) && member.parent.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member;
}

/** `const name = init` (one plain binding): the variable and its initial value. */
function constBinding(id: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): { variable: TSESLint.Scope.Variable; init: TSESTree.Expression } | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable' || def.parent.kind !== 'const' || !def.node.init || def.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  return { variable, init: def.node.init };
}

function smallLiteralList(expr: TSESTree.Expression, sourceCode: Readonly<TSESLint.SourceCode>, depth = 0): boolean {
  if (depth > 4) return false;
  const node = skipTypeWrappers(expr);
  if (node.type === AST_NODE_TYPES.Identifier) {
    const constant = constBinding(node, sourceCode);
    // `const toDelete: Line[] = []; … toDelete.push(line)`: an accumulator, as long as what was pushed.
    if (!constant || constant.variable.references.some((ref) => grows(ref.identifier))) return false;
    return smallLiteralList(constant.init, sourceCode, depth + 1);
  }
  if (node.type === AST_NODE_TYPES.ArrayExpression) {
    return node.elements.length <= SMALL_LIMIT && !node.elements.some((e) => e?.type === AST_NODE_TYPES.SpreadElement);
  }
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipTypeWrappers(node.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) {
    if (NOT_LONGER.has(callee.property.name)) return smallLiteralList(callee.object, sourceCode, depth + 1);
    if (DEDUPE.test(callee.property.name) && node.arguments[0] && node.arguments[0].type !== AST_NODE_TYPES.SpreadElement) return smallLiteralList(node.arguments[0], sourceCode, depth + 1);
    return false;
  }
  const first = node.arguments[0];
  return callee.type === AST_NODE_TYPES.Identifier && DEDUPE.test(callee.name) && first !== undefined && first.type !== AST_NODE_TYPES.SpreadElement && smallLiteralList(first, sourceCode, depth + 1);
}

/** The lists of an entity's metadata: its relations, properties or columns. */
const METADATA_LISTS = new Set(['relations', 'props', 'properties', 'columns', 'primaryKeys', 'ownColumns', 'ownRelations', 'relationProps']);
/** Array methods that keep (a part of) the list. */
const LIST_COPIES = new Set(['filter', 'slice', 'concat', 'toSorted', 'toReversed']);

/**
 * `em.getMetadata().get(name).relations`, `repo.metadata.relations.filter(…)` (MikroORM, TypeORM): a loop over
 * them runs once per relation or column the schema declares, not once per row.
 */
function entityMetadataList(expr: TSESTree.Expression, sourceCode: Readonly<TSESLint.SourceCode>, depth = 0): boolean {
  if (depth > 4) return false;
  const node = skipTypeWrappers(expr);
  if (node.type === AST_NODE_TYPES.Identifier) {
    const constant = constBinding(node, sourceCode);
    return constant !== undefined && entityMetadataList(constant.init, sourceCode, depth + 1);
  }
  if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && !node.callee.computed) {
    const method = node.callee.property.type === AST_NODE_TYPES.Identifier ? node.callee.property.name : undefined;
    return method !== undefined && LIST_COPIES.has(method) && entityMetadataList(node.callee.object, sourceCode, depth + 1);
  }
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || node.property.type !== AST_NODE_TYPES.Identifier || !METADATA_LISTS.has(node.property.name)) return false;
  // The list hangs off metadata: a `getMetadata(…)` call or a `metadata` property in the chain.
  for (let current: TSESTree.Node = node.object; ; ) {
    current = skipTypeWrappers(current as TSESTree.Expression);
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      if (!current.computed && current.property.type === AST_NODE_TYPES.Identifier && current.property.name === 'metadata') return true;
      current = current.object;
    } else if (current.type === AST_NODE_TYPES.CallExpression) {
      const callee = current.callee;
      if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'getMetadata') return true;
      if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'getMetadata') return true;
      current = callee;
    } else {
      return false;
    }
  }
}

/** `i < items.length` → collection; `attempt < 3` → small; anything else → unknown. */
function countedBound(test: TSESTree.Expression | null): 'small' | 'collection' | 'unknown' {
  if (!test) return 'unknown';
  let sawLength = false;
  let sawSmall = false;
  const visit = (n: TSESTree.Node): void => {
    if (n.type === AST_NODE_TYPES.MemberExpression && !n.computed && n.property.type === AST_NODE_TYPES.Identifier && (n.property.name === 'length' || n.property.name === 'size')) sawLength = true;
    if (n.type === AST_NODE_TYPES.BinaryExpression && /^[<>]=?$/.test(n.operator)) {
      const literal = [n.left, n.right].find((s) => s.type === AST_NODE_TYPES.Literal && typeof s.value === 'number');
      if (literal && (literal as TSESTree.NumberLiteral).value <= SMALL_LIMIT) sawSmall = true;
    }
    if (n.type === AST_NODE_TYPES.Identifier && /retr(?:y|ies)|attempt|tries/i.test(n.name)) sawSmall = true;
    if (n.type === AST_NODE_TYPES.BinaryExpression || n.type === AST_NODE_TYPES.LogicalExpression) {
      visit(n.left);
      visit(n.right);
    } else if (n.type === AST_NODE_TYPES.UnaryExpression || n.type === AST_NODE_TYPES.UpdateExpression) {
      visit(n.argument);
    } else if (n.type === AST_NODE_TYPES.MemberExpression) {
      visit(n.object);
    }
  };
  visit(test);
  if (sawSmall) return 'small';
  return sawLength ? 'collection' : 'unknown';
}

/**
 * Whether `node` can evaluate differently from one turn of `iteration` to the next: it reads a
 * variable declared inside the iteration (the item, a loop counter, a local) or assigned inside it,
 * or something the scope analysis cannot follow (`this`, a call). False means the same query runs
 * with the same arguments every turn.
 */
export function variesPerIteration(node: TSESTree.Node, iteration: Iteration, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const [start, end] = iteration.node.range;
  const inside = (range: TSESTree.Range) => range[0] >= start && range[1] <= end;
  let varies = false;
  visitReferences(node, (ref) => {
    if (varies) return;
    if (ref.type !== AST_NODE_TYPES.Identifier) {
      varies = true;
      return;
    }
    const variable = ASTUtils.findVariable(sourceCode.getScope(ref), ref);
    if (!variable) return; // a global: the same every turn
    if (variable.defs.some((d) => inside(d.name.range)) || variable.references.some((r) => r.isWrite() && inside(r.identifier.range))) varies = true;
  });
  return varies;
}
