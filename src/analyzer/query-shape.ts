import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, isFunction, parentSkippingWrappers, skipTypeWrappers } from './ast.js';
import { computesInJavaScript } from './dataflow.js';
import type { OrmAnalysis, QueryCall } from './index.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Where the values of an IN list come from. */
export type ListOrigin =
  | {
      readonly kind: 'literal';
      /** Elements written out (spreads not counted). */
      readonly size: number;
      readonly node: TSESTree.ArrayExpression;
    }
  | {
      readonly kind: 'rows';
      /** The read whose rows the values were taken from. */
      readonly query: QueryCall;
      /** The row field the values are (`authorId` for `rows.map((r) => r.authorId)`); undefined when not a plain field. */
      readonly field: string | undefined;
      /** Only value-keeping steps (`map` to a field, `new Set`, spread, null filters) lie between rows and list. */
      readonly faithful: boolean;
      /** `const` declarations passed through, list side first (`const ids = …`, `const rows = await …`). */
      readonly declarations: readonly TSESTree.VariableDeclarator[];
    };

/** Dedupe helpers that keep the set of values (`uniq(ids)`, `_.uniq(ids)`). */
const DEDUPE = new Set(['uniq', 'unique', 'dedupe']);

/**
 * Follows an IN list back to a literal array, or to the rows of a query it was built from
 * (`(await q).map((r) => r.id)`, through `const`, `new Set`, spreads, `Array.from`, `filter`).
 */
export function listOrigin(orm: OrmAnalysis, sourceCode: SourceCode, expr: TSESTree.Node): ListOrigin | undefined {
  const declarations: TSESTree.VariableDeclarator[] = [];
  let faithful = true;

  const fromRows = (rowsExpr: TSESTree.Expression, field: string | undefined): ListOrigin | undefined => {
    const rows = skipTypeWrappers(rowsExpr);
    const query = orm.rowsSource(rows);
    if (query?.operation !== 'read-many') return undefined;
    if (rows.type === AST_NODE_TYPES.Identifier) {
      const declarator = constDeclarator(sourceCode, rows);
      if (declarator) declarations.push(declarator);
    }
    return { kind: 'rows', query, field, faithful: faithful && field !== undefined, declarations };
  };

  const resolve = (node: TSESTree.Node, depth: number): ListOrigin | undefined => {
    if (depth > 8 || node.type === AST_NODE_TYPES.SpreadElement) return undefined;
    const e = skipTypeWrappers(node as TSESTree.Expression);
    switch (e.type) {
      case AST_NODE_TYPES.ArrayExpression: {
        const only = e.elements[0];
        if (e.elements.length === 1 && only?.type === AST_NODE_TYPES.SpreadElement) return resolve(only.argument, depth + 1);
        return { kind: 'literal', size: e.elements.filter((el) => el !== null && el.type !== AST_NODE_TYPES.SpreadElement).length, node: e };
      }
      case AST_NODE_TYPES.Identifier: {
        const declarator = constDeclarator(sourceCode, e);
        if (!declarator?.init) return undefined;
        declarations.push(declarator);
        return resolve(declarator.init, depth + 1);
      }
      case AST_NODE_TYPES.NewExpression:
        return e.callee.type === AST_NODE_TYPES.Identifier && e.callee.name === 'Set' && e.arguments[0] ? resolve(e.arguments[0], depth + 1) : undefined;
      case AST_NODE_TYPES.AwaitExpression:
        return valuesOf(e);
      case AST_NODE_TYPES.CallExpression: {
        const name = calleeName(e);
        const callee = skipTypeWrappers(e.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression) {
          const object = callee.object;
          if (name === 'map' && e.arguments.length === 1) {
            // `rows.map(({ options }) => JSON.parse(options).targetId)`: values from inside a text column, which no
            // join or subquery on the column reaches.
            const mapper = e.arguments[0]!;
            if ((mapper.type === AST_NODE_TYPES.ArrowFunctionExpression || mapper.type === AST_NODE_TYPES.FunctionExpression) && computesInJavaScript(mapper)) return undefined;
            return fromRows(object, mappedField(mapper));
          }
          if (name === 'from' && object.type === AST_NODE_TYPES.Identifier && object.name === 'Array' && e.arguments[0]) {
            return e.arguments[1] ? fromRows(e.arguments[0] as TSESTree.Expression, mappedField(e.arguments[1])) : resolve(e.arguments[0], depth + 1);
          }
          if (name === 'filter' && e.arguments.length === 1) {
            if (!dropsOnlyEmpty(e.arguments[0]!)) faithful = false;
            return resolve(object, depth + 1);
          }
          if (name !== undefined && DEDUPE.has(name) && e.arguments[0]) return resolve(e.arguments[0], depth + 1);
        } else if (name !== undefined && DEDUPE.has(name) && e.arguments[0]) {
          return resolve(e.arguments[0], depth + 1);
        }
        return valuesOf(e);
      }
      default:
        return undefined;
    }
  };

  /** A query whose result is already a list of values: Knex `pluck('id')`, Mongoose `distinct('id')`. */
  const valuesOf = (e: TSESTree.Expression): ListOrigin | undefined => {
    const query = orm.rowsSource(e);
    if (!query) return undefined;
    const index = orm.module(query.orm).valueMethods?.[query.method];
    if (index === undefined) return undefined;
    const link = query.chain.links.find((l) => l.kind === 'call' && l.name === query.method);
    const arg = link?.kind === 'call' ? link.args[index] : undefined;
    const column = arg?.type === AST_NODE_TYPES.Literal && typeof arg.value === 'string' ? arg.value : undefined;
    const field = column?.slice(column.lastIndexOf('.') + 1);
    return { kind: 'rows', query, field, faithful: faithful && field !== undefined, declarations };
  };

  try {
    return resolve(expr, 0);
  } catch {
    return undefined;
  }
}

/** `(r) => r.authorId`, `({ authorId }) => authorId`, `function (r) { return r.authorId; }` → `authorId`. */
function mappedField(fn: TSESTree.Node): string | undefined {
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression) return undefined;
  const param = fn.params[0];
  if (!param || fn.params.length !== 1) return undefined;
  let body: TSESTree.Node | null | undefined = fn.body;
  if (body.type === AST_NODE_TYPES.BlockStatement) {
    const only = body.body[0];
    body = body.body.length === 1 && only?.type === AST_NODE_TYPES.ReturnStatement ? only.argument : undefined;
  }
  if (!body) return undefined;
  body = skipTypeWrappers(body as TSESTree.Expression);
  if (param.type === AST_NODE_TYPES.Identifier) {
    if (body.type === AST_NODE_TYPES.MemberExpression && !body.computed && body.property.type === AST_NODE_TYPES.Identifier) {
      const object = skipTypeWrappers(body.object);
      if (object.type === AST_NODE_TYPES.Identifier && object.name === param.name) return body.property.name;
    }
    return undefined;
  }
  if (param.type === AST_NODE_TYPES.ObjectPattern && body.type === AST_NODE_TYPES.Identifier && param.properties.length === 1) {
    const prop = param.properties[0];
    if (prop?.type === AST_NODE_TYPES.Property && !prop.computed && prop.key.type === AST_NODE_TYPES.Identifier && prop.value.type === AST_NODE_TYPES.Identifier && prop.value.name === body.name) {
      return prop.key.name;
    }
  }
  return undefined;
}

/** `filter(Boolean)`, `filter((id) => id != null)`: dropping empty values does not change what IN matches. */
function dropsOnlyEmpty(fn: TSESTree.Node): boolean {
  if (fn.type === AST_NODE_TYPES.Identifier) return fn.name === 'Boolean';
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression || fn.body.type === AST_NODE_TYPES.BlockStatement) return false;
  const param = fn.params[0];
  if (param?.type !== AST_NODE_TYPES.Identifier) return false;
  const body = fn.body;
  if (body.type === AST_NODE_TYPES.Identifier) return body.name === param.name;
  if (body.type === AST_NODE_TYPES.BinaryExpression && (body.operator === '!=' || body.operator === '!==')) {
    const sides = [body.left, body.right];
    return sides.some((s) => s.type === AST_NODE_TYPES.Identifier && s.name === param.name) && sides.some((s) => isNullish(s));
  }
  return false;
}

function isNullish(node: TSESTree.Node): boolean {
  return (node.type === AST_NODE_TYPES.Literal && node.value === null) || (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined');
}

/** The declarator of a `const` (or never reassigned `let`) with one definition, or undefined. */
export function constDeclarator(sourceCode: SourceCode, id: TSESTree.Identifier): TSESTree.VariableDeclarator | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (variable.references.some((ref) => ref.isWrite() && ref.identifier !== def.node.id)) return undefined;
  return def.node;
}

/** References to the variable a declarator declares, other than its own declaration. */
export function readsOf(sourceCode: SourceCode, declarator: TSESTree.VariableDeclarator): TSESTree.Identifier[] {
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return [];
  const variable = ASTUtils.findVariable(sourceCode.getScope(declarator.id), declarator.id);
  return (variable?.references ?? []).filter((ref) => ref.identifier !== declarator.id).map((ref) => ref.identifier as TSESTree.Identifier);
}

/** The nearest enclosing function (or the program). */
export function functionOf(node: TSESTree.Node): TSESTree.Node {
  let current: TSESTree.Node | undefined = node.parent;
  while (current && !isFunction(current) && current.type !== AST_NODE_TYPES.Program) current = current.parent;
  return current ?? node;
}

/**
 * Whether the value of `node` is only tested, never read as a row: `if (await q)`, `!row`, `row === null`,
 * `rows.length`, a discarded result, or a `const` whose every use is such a test.
 */
export function isOnlyTested(sourceCode: SourceCode, node: TSESTree.Node, depth = 0): boolean {
  if (depth > 6) return false;
  const parent = parentSkippingWrappers(node);
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return isOnlyTested(sourceCode, parent, depth + 1);
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test === node;
    case AST_NODE_TYPES.ForStatement:
      return parent.test === node;
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === '!' || parent.operator === 'void';
    case AST_NODE_TYPES.BinaryExpression:
      return ['==', '!=', '===', '!=='].includes(parent.operator) && isNullish(parent.left === node ? parent.right : parent.left);
    case AST_NODE_TYPES.LogicalExpression:
      return isOnlyTested(sourceCode, parent, depth + 1);
    case AST_NODE_TYPES.CallExpression:
      return parent.callee.type === AST_NODE_TYPES.Identifier && parent.callee.name === 'Boolean' && parent.arguments[0] === node;
    case AST_NODE_TYPES.ExpressionStatement:
      return true;
    case AST_NODE_TYPES.MemberExpression:
      return parent.object === node && !parent.computed && parent.property.type === AST_NODE_TYPES.Identifier && parent.property.name === 'length';
    case AST_NODE_TYPES.VariableDeclarator: {
      if (parent.init !== node || parent.id.type !== AST_NODE_TYPES.Identifier) return false;
      if (!constDeclarator(sourceCode, parent.id)) return false;
      const reads = readsOf(sourceCode, parent);
      return reads.length > 0 && reads.every((ref) => isOnlyTested(sourceCode, ref, depth + 1));
    }
    default:
      return false;
  }
}

/** Functions through which a caller's number keeps its size (`Number(page)`, `Math.floor(page)`). */
const NUMBER_PASSTHROUGH = new Set(['Number', 'parseInt', 'parseFloat', 'floor', 'ceil', 'round', 'trunc', 'abs', 'max']);

/**
 * The caller-supplied value (a parameter, or a field of one such as `req.query.page`) that an offset
 * expression grows with, when nothing caps it (`Math.min`, a comparison of it in the function). The
 * identifier is returned for messages; undefined when the offset is bounded or not caller-supplied.
 */
export function unboundedInput(sourceCode: SourceCode, expr: TSESTree.Node): TSESTree.Node | undefined {
  const fn = functionOf(expr);
  const seen = new Set<TSESTree.Node>();

  const visit = (node: TSESTree.Node, depth: number): TSESTree.Node | undefined => {
    if (depth > 6 || seen.has(node)) return undefined;
    seen.add(node);
    const e = node.type === AST_NODE_TYPES.SpreadElement ? undefined : skipTypeWrappers(node as TSESTree.Expression);
    if (!e) return undefined;
    switch (e.type) {
      case AST_NODE_TYPES.BinaryExpression:
        if (!['+', '-', '*', '/', '%', '**'].includes(e.operator)) return undefined;
        return visit(e.left, depth + 1) ?? visit(e.right, depth + 1);
      case AST_NODE_TYPES.UnaryExpression:
        return e.operator === '+' || e.operator === '-' ? visit(e.argument, depth + 1) : undefined;
      case AST_NODE_TYPES.LogicalExpression:
        return visit(e.left, depth + 1) ?? visit(e.right, depth + 1);
      case AST_NODE_TYPES.ConditionalExpression:
        return visit(e.consequent, depth + 1) ?? visit(e.alternate, depth + 1);
      case AST_NODE_TYPES.CallExpression: {
        const name = calleeName(e);
        if (name === undefined || !NUMBER_PASSTHROUGH.has(name)) return undefined;
        for (const arg of e.arguments) {
          const found = visit(arg, depth + 1);
          if (found) return found;
        }
        return undefined;
      }
      case AST_NODE_TYPES.MemberExpression: {
        let root: TSESTree.Node = e;
        while (root.type === AST_NODE_TYPES.MemberExpression) root = skipTypeWrappers(root.object);
        if (root.type !== AST_NODE_TYPES.Identifier) return undefined;
        return fromIdentifier(root, depth) ? e : undefined;
      }
      case AST_NODE_TYPES.Identifier:
        return fromIdentifier(e, depth) ? e : undefined;
      default:
        return undefined;
    }
  };

  /** Whether `id` holds (part of) a parameter of the enclosing function, uncapped. */
  const fromIdentifier = (id: TSESTree.Identifier, depth: number): boolean => {
    const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
    const def = variable?.defs[0];
    if (!variable || !def) return false;
    if (variable.references.some((ref) => isCapped(ref.identifier, fn))) return false;
    if (def.type === 'Parameter') return true;
    if (def.type === 'Variable' && def.node.init) {
      // `const { page } = req.query`, `const page = Number(query.page)`.
      if (def.node.id.type === AST_NODE_TYPES.ObjectPattern) {
        let root: TSESTree.Node = skipTypeWrappers(def.node.init);
        while (root.type === AST_NODE_TYPES.MemberExpression) root = skipTypeWrappers(root.object);
        return root.type === AST_NODE_TYPES.Identifier && fromIdentifier(root, depth + 1);
      }
      return visit(def.node.init, depth + 1) !== undefined;
    }
    return false;
  };

  try {
    return visit(expr, 0);
  } catch {
    return undefined;
  }
}

/** `page > 100`, `Math.min(page, 100)`, `clamp(page, …)`: code in `fn` that caps the value. */
function isCapped(ref: TSESTree.Node, fn: TSESTree.Node): boolean {
  if (!isWithinNode(ref, fn)) return false;
  let node: TSESTree.Node = ref;
  for (let i = 0; i < 4 && node.parent; i++) {
    const parent: TSESTree.Node = node.parent;
    if (parent.type === AST_NODE_TYPES.BinaryExpression && ['<', '<=', '>', '>='].includes(parent.operator)) return true;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee !== node) {
      const name = calleeName(parent);
      if (name === 'min' || name === 'clamp') return true;
    }
    if (parent.type !== AST_NODE_TYPES.MemberExpression && parent.type !== AST_NODE_TYPES.CallExpression && parent.type !== AST_NODE_TYPES.TSAsExpression && parent.type !== AST_NODE_TYPES.TSNonNullExpression) break;
    node = parent;
  }
  return false;
}

function isWithinNode(inner: TSESTree.Node, outer: TSESTree.Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

/** The number an expression always has (`5000`, `50 * 100`, a `const` of one), or undefined. */
export function staticNumber(sourceCode: SourceCode, node: TSESTree.Node | undefined): number | undefined {
  if (!node || node.type === AST_NODE_TYPES.SpreadElement) return undefined;
  try {
    const value = ASTUtils.getStaticValue(node as TSESTree.Expression, sourceCode.getScope(node));
    return typeof value?.value === 'number' && Number.isFinite(value.value) ? value.value : undefined;
  } catch {
    return undefined;
  }
}

/** Write methods that delete rows, across the ORMs (`remove`, `destroy`, `deleteMany`, Knex `del`…). */
const DELETE_METHODS = /^(?:remove|delete|destroy|del|deleteMany|deleteOne|deleteFrom|nativeDelete|softDelete|softRemove|findByIdAndDelete|findOneAndDelete|deleteById)$/;

/** Uses of deleted rows that do not make the choice of rows visible: counts, reads of each row, calls. */
const BESIDE_DELETION: ReadonlySet<string> = new Set(['length', 'emptiness', 'nullcheck', 'number', 'fields', 'each', 'iterate', 'map', 'map-field', 'passed']);

/**
 * Rows taken only to be deleted (a cleanup batch: `take: 100`, then `remove(rows)` until none are left):
 * which rows come first does not matter, every one is deleted in turn. The rows, or keys mapped out of
 * them, go to a delete statement; otherwise they are only counted, read row by row or handed on — never
 * returned, stored, serialised or cut down to a subset.
 */
export function rowsOnlyDeleted(orm: OrmAnalysis, query: QueryCall): boolean {
  const flow = orm.rowUses(query);
  if (!flow) return false;
  let deleted = false;
  for (const use of flow.uses) {
    if (!BESIDE_DELETION.has(use.kind)) return false;
    if (use.kind === 'passed' || use.kind === 'map-field') {
      const target = orm.enclosingQuery(use.node);
      if (target && target.node !== query.node && (target.operation === 'write-one' || target.operation === 'write-many') && DELETE_METHODS.test(target.method)) {
        deleted = true;
      }
    }
  }
  return deleted;
}
