import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { propertyName, skipTypeWrappers, someNode, staticKey } from './ast.js';
import type { ResultShape } from './orm/types.js';

/**
 * Where the value of a query goes: the data-flow layer behind `prefer-count`, `prefer-exists`,
 * `prefer-select` and `no-in-memory-filter`. It follows an awaited result through parentheses, type
 * wrappers, `const` bindings, destructuring, callbacks and derived arrays within the code that sees it,
 * and classifies every use.
 */

export type FunctionLike = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;

/**
 * How a value is used.
 * - `length`: `rows.length` read as a number; `emptiness`: a test that only asks "any row?" (`rows.length > 0`,
 *   `!row`, `count === 0`); `nullcheck`: a truthiness test of an array (always true).
 * - `index`: `rows[0]`, `const [first] = rows`, `rows.at(-1)`; `fields`: a row's property read (`row.email`).
 * - `map-field`: `rows.map((r) => r.id)`; `map`, `filter`, `find`, `some`, `sort`, `slice`, `reduce`, `each`:
 *   array methods; `iterate`: `for…of`.
 * - `number`: a count used as a number (`total: n`).
 * - escapes (anything may be read): `passed` (to a function or constructor), `returned`, `serialised`
 *   (`JSON.stringify`, `res.json`), `stored` (assigned, put in an object or array), `method` (a row's method
 *   is called: `row.save()`), `unknown`.
 */
export type RowUseKind =
  | 'length'
  | 'emptiness'
  | 'nullcheck'
  | 'index'
  | 'fields'
  | 'map-field'
  | 'map'
  | 'filter'
  | 'find'
  | 'some'
  | 'sort'
  | 'slice'
  | 'reduce'
  | 'each'
  | 'iterate'
  | 'number'
  | 'passed'
  | 'returned'
  | 'serialised'
  | 'stored'
  | 'method'
  | 'unknown';

const ESCAPES: ReadonlySet<RowUseKind> = new Set(['passed', 'returned', 'serialised', 'stored', 'method', 'unknown']);

export interface RowUse {
  readonly kind: RowUseKind;
  /**
   * The expression that makes the use: `rows.length`, `rows.filter(cb)`, `rows[0]`, `row.email`. For
   * `emptiness`, the expression whose truthiness answers the test: when `present` is true it is truthy
   * exactly when rows exist (`rows.length > 0`, `user` in `if (!user)`), else exactly when none does.
   */
  readonly node: TSESTree.Node;
  /** The reference to the value inside `node` (a variable reference, or the awaited query itself). */
  readonly ref: TSESTree.Node;
  /** Array method name, for method uses. */
  readonly method?: string;
  /** `map-field`/`fields`: the row property. */
  readonly field?: string;
  /** `emptiness`: see `node`. */
  readonly present?: boolean;
  /** `emptiness`: `node` is the reference itself, tested for truthiness (`if (user)`, `!count`). */
  readonly truthy?: boolean;
  /** `emptiness` on one row: the sentinel a strict comparison used (`=== null`); `any` for loose tests. */
  readonly sentinel?: 'null' | 'undefined' | 'any';
  /** Callback of an array method. */
  readonly callback?: FunctionLike;
  /** `index`: the literal index (`0`, `-1` for `.at(-1)`), undefined when computed. */
  readonly index?: number;
  /** `map`/`map-field`: the mapped array only feeds `new Set(…)` (deduplication). */
  readonly dedupe?: boolean;
  /** Row properties this use reads (through callbacks and derived values); undefined when a row escapes. */
  readonly fields: ReadonlySet<string> | undefined;
  /** The value this use produces, when it is rows or a row again (`rows.filter(…)`, `rows[0]`). */
  readonly derived?: ValueFlow;
}

export interface ValueFlow {
  readonly shape: ResultShape;
  readonly uses: readonly RowUse[];
  /** The value (or a row of it) may be read in ways the code does not show. */
  readonly escapes: boolean;
  /** Every row property read, when nothing escapes. */
  readonly fields: ReadonlySet<string> | undefined;
}

export interface RowFlow extends ValueFlow {
  /** The awaited query, with any type wrappers around it (`(await q) as User[]`). */
  readonly value: TSESTree.Expression;
  /** `const rows = await q`: the declarator, when the value is bound to one name. */
  readonly binding: TSESTree.VariableDeclarator | undefined;
}

const MAX_DEPTH = 8;

/** Array methods whose callback receives rows, and which parameters are rows. */
const ROW_CALLBACKS: Readonly<Record<string, { kind: RowUseKind; params: readonly number[]; result?: ResultShape }>> = {
  map: { kind: 'map', params: [0] },
  flatMap: { kind: 'map', params: [0] },
  filter: { kind: 'filter', params: [0], result: 'rows' },
  find: { kind: 'find', params: [0], result: 'row' },
  findLast: { kind: 'find', params: [0], result: 'row' },
  findIndex: { kind: 'find', params: [0] },
  findLastIndex: { kind: 'find', params: [0] },
  some: { kind: 'some', params: [0] },
  every: { kind: 'some', params: [0] },
  forEach: { kind: 'each', params: [0] },
  reduce: { kind: 'reduce', params: [1] },
  reduceRight: { kind: 'reduce', params: [1] },
  sort: { kind: 'sort', params: [0, 1], result: 'rows' },
  toSorted: { kind: 'sort', params: [0, 1], result: 'rows' },
};

/**
 * Follows the value of `start` (an awaited query) through the code and classifies its uses. `start` holds
 * rows, one row or a number, as `shape` says.
 */
export function rowFlowOf(sourceCode: Readonly<TSESLint.SourceCode>, start: TSESTree.Expression, shape: ResultShape): RowFlow {
  const walker = new FlowWalker(sourceCode);
  const outer = climbWrappers(start, shape);
  const parent = outer.parent;
  const binding =
    parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === outer && parent.id.type === AST_NODE_TYPES.Identifier ? parent : undefined;
  const flow = walker.flow(start, shape, 0);
  return { ...flow, value: outer as TSESTree.Expression, binding };
}

class FlowWalker {
  constructor(private readonly sourceCode: Readonly<TSESLint.SourceCode>) {}

  flow(expr: TSESTree.Node, shape: ResultShape, depth: number): ValueFlow {
    const uses: RowUse[] = [];
    this.collect(expr, shape, depth, uses);
    return summarize(shape, uses);
  }

  /** Classifies what happens to the value at `expr` (a reference or the producing expression). */
  private collect(expr: TSESTree.Node, shape: ResultShape, depth: number, out: RowUse[]): void {
    if (depth > MAX_DEPTH) {
      out.push(use('unknown', expr, expr));
      return;
    }
    const node = climbWrappers(expr, shape);
    const parent = node.parent;
    if (!parent) {
      out.push(use('unknown', node, expr));
      return;
    }
    switch (parent.type) {
      case AST_NODE_TYPES.VariableDeclarator:
        if (parent.init === node) this.declared(parent, shape, depth, expr, out);
        else out.push(use('unknown', node, expr));
        return;
      case AST_NODE_TYPES.MemberExpression:
        if (parent.object === node) this.member(parent, shape, depth, expr, out);
        else out.push(use('unknown', node, expr));
        return;
      case AST_NODE_TYPES.ExpressionStatement:
        return; // discarded
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.YieldExpression:
      case AST_NODE_TYPES.ThrowStatement:
        out.push(use('returned', node, expr));
        return;
      case AST_NODE_TYPES.ArrowFunctionExpression:
        out.push(use(parent.body === node ? 'returned' : 'unknown', node, expr));
        return;
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        if (parent.callee !== node) {
          this.argument(parent, node, shape, expr, out);
          return;
        }
        out.push(use('unknown', node, expr));
        return;
      case AST_NODE_TYPES.AssignmentExpression:
      case AST_NODE_TYPES.Property:
      case AST_NODE_TYPES.ArrayExpression:
      case AST_NODE_TYPES.SpreadElement:
      case AST_NODE_TYPES.PropertyDefinition:
      case AST_NODE_TYPES.AssignmentPattern:
        out.push(use('stored', node, expr));
        return;
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.TaggedTemplateExpression:
        out.push(use('serialised', node, expr));
        return;
      case AST_NODE_TYPES.ForOfStatement:
        if (parent.right === node && shape === 'rows') {
          const item = parent.left.type === AST_NODE_TYPES.VariableDeclaration ? parent.left.declarations[0]?.id : undefined;
          const rows = item ? this.rowBinding(item, parent.left, depth) : summarize('row', []);
          out.push({ kind: 'iterate', node: parent, ref: expr, fields: rows.fields, derived: rows });
          return;
        }
        out.push(use('unknown', node, expr));
        return;
      default:
        break;
    }
    const test = this.test(node, shape);
    if (test) {
      out.push({ ...test, ref: expr });
      return;
    }
    if (shape === 'number') {
      out.push(use('number', node, expr));
      return;
    }
    out.push(use('unknown', node, expr));
  }

  /** `const x = value`, `const [first] = rows`, `const { id } = row`. */
  private declared(declarator: TSESTree.VariableDeclarator, shape: ResultShape, depth: number, expr: TSESTree.Node, out: RowUse[]): void {
    const id = declarator.id;
    if (declarator.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      out.push(use('stored', declarator, expr));
      return;
    }
    if (id.type === AST_NODE_TYPES.Identifier) {
      const refs = this.readsOf(declarator, id);
      if (refs === undefined) {
        out.push(use('unknown', declarator, expr));
        return;
      }
      for (const ref of refs) this.collect(ref, shape, depth + 1, out);
      return;
    }
    if (id.type === AST_NODE_TYPES.ArrayPattern && shape === 'rows') {
      id.elements.forEach((element, index) => {
        if (element === null) return;
        if (element.type === AST_NODE_TYPES.RestElement) {
          out.push(use('unknown', element, expr));
          return;
        }
        const row = this.rowBinding(element, declarator, depth);
        out.push({ kind: 'index', node: element, ref: expr, index, fields: row.fields, derived: row });
      });
      return;
    }
    if (id.type === AST_NODE_TYPES.ObjectPattern && shape === 'row') {
      const row = this.rowBinding(id, declarator, depth);
      out.push({ kind: 'fields', node: id, ref: expr, fields: row.fields, derived: row });
      return;
    }
    if (id.type === AST_NODE_TYPES.ObjectPattern && shape === 'rows' && id.properties.length === 1) {
      const prop = id.properties[0]!;
      if (prop.type === AST_NODE_TYPES.Property && staticKey(prop) === 'length') {
        out.push(use('length', prop, expr));
        return;
      }
    }
    out.push(use('unknown', id, expr));
  }

  /**
   * Reads of the variable `id` declares: undefined when it is reassigned (it may then hold other values)
   * or declared with `var` in a way scope analysis cannot see.
   */
  private readsOf(declarator: TSESTree.VariableDeclarator, id: TSESTree.Identifier): TSESTree.Identifier[] | undefined {
    const variable = this.sourceCode.getDeclaredVariables(declarator).find((v) => v.name === id.name);
    if (!variable) return undefined;
    const refs: TSESTree.Identifier[] = [];
    for (const ref of variable.references) {
      if (ref.identifier === id) continue;
      if (ref.isWrite()) return undefined;
      if (ref.identifier.type === AST_NODE_TYPES.Identifier) refs.push(ref.identifier);
    }
    return refs;
  }

  /** The per-row reads of a row bound by a pattern: a loop variable, a callback parameter, `const [first]`. */
  private rowBinding(pattern: TSESTree.Node, owner: TSESTree.Node, depth: number): ValueFlow {
    const uses: RowUse[] = [];
    this.rowPattern(pattern, owner, depth, uses);
    return summarize('row', uses);
  }

  private rowPattern(pattern: TSESTree.Node, owner: TSESTree.Node, depth: number, out: RowUse[]): void {
    switch (pattern.type) {
      case AST_NODE_TYPES.Identifier: {
        const variable = this.sourceCode.getDeclaredVariables(owner).find((v) => v.name === pattern.name);
        if (!variable) {
          out.push(use('unknown', pattern, pattern));
          return;
        }
        for (const ref of variable.references) {
          if (ref.identifier === pattern) continue;
          if (ref.isWrite()) {
            out.push(use('unknown', ref.identifier, ref.identifier));
            return;
          }
          this.collect(ref.identifier, 'row', depth + 1, out);
        }
        return;
      }
      case AST_NODE_TYPES.AssignmentPattern:
        this.rowPattern(pattern.left, owner, depth, out);
        return;
      case AST_NODE_TYPES.ObjectPattern:
        for (const prop of pattern.properties) {
          const key = prop.type === AST_NODE_TYPES.Property ? staticKey(prop) : undefined;
          if (key === undefined) {
            out.push(use('unknown', prop, prop));
            continue;
          }
          out.push({ kind: 'fields', node: prop, ref: prop, field: key, fields: new Set([key]) });
        }
        return;
      default:
        out.push(use('unknown', pattern, pattern));
    }
  }

  /** `rows.length`, `rows[0]`, `rows.map(…)`, `row.email`, `row.save()`. */
  private member(member: TSESTree.MemberExpression, shape: ResultShape, depth: number, expr: TSESTree.Node, out: RowUse[]): void {
    const outer = climbWrappers(member, 'row');
    const parent = outer.parent;
    const written =
      (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === outer) ||
      parent?.type === AST_NODE_TYPES.UpdateExpression ||
      (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete');
    const called = parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === outer;
    if (written) {
      out.push(use('stored', member, expr));
      return;
    }
    const name = propertyName(member);
    if (shape === 'row') {
      if (name === undefined) out.push(use('unknown', member, expr));
      else if (called) out.push(use('method', member, expr));
      else out.push({ kind: 'fields', node: member, ref: expr, field: name, fields: new Set([name]) });
      return;
    }
    if (shape === 'number') {
      out.push(use('number', member, expr));
      return;
    }
    if (name === 'length' && !member.computed) {
      const test = this.test(member, 'number');
      out.push(test ? { ...test, ref: expr } : use('length', member, expr));
      return;
    }
    if (member.computed && name === undefined) {
      const index = numericLiteral(member.property);
      const row = this.flow(member, 'row', depth + 1);
      out.push({ kind: 'index', node: member, ref: expr, index, fields: row.fields, derived: row });
      return;
    }
    if (called && name !== undefined) {
      this.arrayMethod(parent, name, depth, expr, out);
      return;
    }
    out.push(use('unknown', member, expr));
  }

  private arrayMethod(call: TSESTree.CallExpression, name: string, depth: number, expr: TSESTree.Node, out: RowUse[]): void {
    const spec = ROW_CALLBACKS[name];
    if (spec) {
      const callback = call.arguments[0];
      if (callback === undefined && name !== 'sort' && name !== 'toSorted') {
        out.push(use('unknown', call, expr));
        return;
      }
      if (callback !== undefined && !isInlineFunction(callback)) {
        out.push(use('passed', call, expr));
        return;
      }
      const fields = new Set<string>();
      let escaped = false;
      const merge = (flow: ValueFlow): void => {
        if (flow.escapes || flow.fields === undefined) escaped = true;
        else for (const f of flow.fields) fields.add(f);
      };
      let field: string | undefined;
      if (callback !== undefined) {
        for (const index of spec.params) {
          const param = callback.params[index];
          if (param) merge(this.rowBinding(param, callback, depth + 1));
        }
        if (spec.kind === 'map') field = mappedField(callback);
      }
      let derived: ValueFlow | undefined;
      if (spec.result) {
        derived = this.flow(call, spec.result, depth + 1);
        merge(derived);
      }
      const kind: RowUseKind = field !== undefined && name === 'map' ? 'map-field' : spec.kind;
      out.push({
        kind,
        node: call,
        ref: expr,
        method: name,
        ...(callback && { callback }),
        ...(field !== undefined && { field }),
        ...(spec.kind === 'map' && feedsSet(call) && { dedupe: true }),
        fields: escaped ? undefined : fields,
        ...(derived && { derived }),
      });
      return;
    }
    if (name === 'slice' || name === 'toReversed' || name === 'reverse') {
      const derived = this.flow(call, 'rows', depth + 1);
      out.push({ kind: 'slice', node: call, ref: expr, method: name, fields: derived.escapes ? undefined : derived.fields, derived });
      return;
    }
    if (name === 'at') {
      const index = numericLiteral(call.arguments[0]);
      const derived = this.flow(call, 'row', depth + 1);
      out.push({ kind: 'index', node: call, ref: expr, method: name, index, fields: derived.escapes ? undefined : derived.fields, derived });
      return;
    }
    out.push(use('unknown', call, expr));
  }

  /** `f(value)`: serialised, tested (`Boolean(row)`), or passed on. */
  private argument(call: TSESTree.CallExpression | TSESTree.NewExpression, node: TSESTree.Node, shape: ResultShape, expr: TSESTree.Node, out: RowUse[]): void {
    const callee = skipTypeWrappers(call.callee);
    if (call.type === AST_NODE_TYPES.CallExpression && callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Boolean' && shape !== 'rows') {
      out.push({ kind: 'emptiness', node, ref: expr, present: true, truthy: true, sentinel: 'any', fields: new Set() });
      return;
    }
    // `Array.isArray(rows)` reads nothing from the rows: it is as good as a null check.
    if (
      shape === 'rows' &&
      callee.type === AST_NODE_TYPES.MemberExpression &&
      callee.object.type === AST_NODE_TYPES.Identifier &&
      callee.object.name === 'Array' &&
      propertyName(callee) === 'isArray'
    ) {
      out.push({ kind: 'nullcheck', node, ref: expr, fields: new Set() });
      return;
    }
    if (call.type === AST_NODE_TYPES.CallExpression && callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Number' && shape === 'number') {
      out.push(use('number', node, expr));
      return;
    }
    const name = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
    if (
      (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'JSON') ||
      (name !== undefined && /^(?:json|send|jsonp|end|write|render)$/.test(name))
    ) {
      out.push(use('serialised', node, expr));
      return;
    }
    out.push(use('passed', node, expr));
  }

  /**
   * An emptiness test on a row, a number or an array length at `node`: `if (x)`, `!x`, `x > 0`,
   * `x === null`, `x.length === 0`.
   */
  private test(inner: TSESTree.Node, shape: ResultShape): Omit<RowUse, 'ref'> | undefined {
    const node = climbWrappers(inner, 'row');
    const parent = node.parent;
    if (!parent) return undefined;
    if (isTestPosition(node)) {
      if (shape === 'rows') return { kind: 'nullcheck', node, fields: new Set() };
      return { kind: 'emptiness', node, present: true, truthy: true, sentinel: 'any', fields: new Set() };
    }
    if (parent.type !== AST_NODE_TYPES.BinaryExpression) return undefined;
    const other = parent.left === node ? parent.right : parent.left;
    const flipped = parent.right === node;
    if (shape === 'row') {
      const sentinel = nullish(other);
      if (sentinel === undefined) return undefined;
      const loose = parent.operator === '==' || parent.operator === '!=';
      if (!loose && parent.operator !== '===' && parent.operator !== '!==') return undefined;
      return {
        kind: 'emptiness',
        node: parent,
        present: parent.operator === '!==' || parent.operator === '!=',
        truthy: false,
        sentinel: loose ? 'any' : sentinel,
        fields: new Set(),
      };
    }
    if (shape === 'number') {
      const n = numericLiteral(other);
      if (n === undefined) return undefined;
      const present = countTest(flipped ? mirror(parent.operator) : parent.operator, n);
      if (present === undefined) return undefined;
      return { kind: 'emptiness', node: parent, present, truthy: false, sentinel: 'any', fields: new Set() };
    }
    return undefined;
  }
}

function use(kind: RowUseKind, node: TSESTree.Node, ref: TSESTree.Node): RowUse {
  return { kind, node, ref, fields: ESCAPES.has(kind) ? undefined : new Set() };
}

function summarize(shape: ResultShape, uses: readonly RowUse[]): ValueFlow {
  let escapes = false;
  const fields = new Set<string>();
  for (const u of uses) {
    if (ESCAPES.has(u.kind) || u.fields === undefined || u.derived?.escapes) escapes = true;
    else for (const f of u.fields) fields.add(f);
  }
  return { shape, uses, escapes, fields: escapes ? undefined : fields };
}

/** Whether a use lets the value (or one of its rows) be read in ways the code does not show. */
export function isEscape(u: RowUse): boolean {
  return ESCAPES.has(u.kind);
}

/**
 * The outermost expression that still holds the same value: type wrappers, optional chains and, for
 * rows, a `?? []` / `|| []` fallback.
 */
function climbWrappers(expr: TSESTree.Node, shape: ResultShape): TSESTree.Node {
  let node = expr;
  for (;;) {
    const parent = node.parent;
    if (!parent) return node;
    switch (parent.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.ChainExpression:
        node = parent;
        continue;
      case AST_NODE_TYPES.LogicalExpression:
        if (shape === 'rows' && parent.left === node && parent.operator !== '&&' && parent.right.type === AST_NODE_TYPES.ArrayExpression && parent.right.elements.length === 0) {
          node = parent;
          continue;
        }
        return node;
      default:
        return node;
    }
  }
}

/** Whether only the truthiness of `node` matters: an `if`/loop/ternary test, `!x`, `Boolean(x)`, or an operand of `&&`/`||` that is itself such a test. */
export function isTestPosition(node: TSESTree.Node): boolean {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (!parent) return false;
    switch (parent.type) {
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.ChainExpression:
        current = parent;
        continue;
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        return parent.test === current;
      case AST_NODE_TYPES.UnaryExpression:
        return parent.operator === '!';
      case AST_NODE_TYPES.CallExpression:
        return parent.callee.type === AST_NODE_TYPES.Identifier && parent.callee.name === 'Boolean' && parent.arguments[0] === current;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.operator === '??') return false;
        // `a && b` as a value yields `a` itself when falsy; only in a test does the operand act as a boolean.
        if (parent.left === current || parent.right === current) {
          current = parent;
          continue;
        }
        return false;
      default:
        return false;
    }
  }
}

function nullish(node: TSESTree.Node): 'null' | 'undefined' | undefined {
  if (node.type === AST_NODE_TYPES.Literal && node.value === null && !('regex' in node)) return 'null';
  if (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined') return 'undefined';
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'void') return 'undefined';
  return undefined;
}

function numericLiteral(node: TSESTree.Node | undefined): number | undefined {
  if (node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'number') return node.value;
  if (node?.type === AST_NODE_TYPES.UnaryExpression && node.operator === '-' && node.argument.type === AST_NODE_TYPES.Literal && typeof node.argument.value === 'number') {
    return -node.argument.value;
  }
  return undefined;
}

function mirror(op: string): string {
  return ({ '<': '>', '>': '<', '<=': '>=', '>=': '<=' } as Record<string, string>)[op] ?? op;
}

/** For `count <op> n`: true when the test means "some", false when it means "none", undefined otherwise. */
function countTest(op: string, n: number): boolean | undefined {
  if (n === 0) {
    if (op === '>' || op === '!==' || op === '!=') return true;
    if (op === '===' || op === '==' || op === '<=') return false;
  }
  if (n === 1) {
    if (op === '>=') return true;
    if (op === '<') return false;
  }
  return undefined;
}

function isInlineFunction(node: TSESTree.Node): node is FunctionLike {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression;
}

/** `(r) => r.id`, `({ id }) => id`, `function (r) { return r.id; }`: the one field the callback maps to. */
export function mappedField(callback: FunctionLike): string | undefined {
  const param = callback.params[0];
  if (!param || callback.params.length > 1) return undefined;
  const body = returnedExpression(callback);
  if (!body) return undefined;
  const value = skipTypeWrappers(body);
  if (param.type === AST_NODE_TYPES.Identifier) {
    if (value.type !== AST_NODE_TYPES.MemberExpression || value.computed) return undefined;
    const object = skipTypeWrappers(value.object);
    if (object.type !== AST_NODE_TYPES.Identifier || object.name !== param.name) return undefined;
    return propertyName(value);
  }
  if (param.type === AST_NODE_TYPES.ObjectPattern && param.properties.length === 1 && value.type === AST_NODE_TYPES.Identifier) {
    const prop = param.properties[0]!;
    if (prop.type !== AST_NODE_TYPES.Property || prop.value.type !== AST_NODE_TYPES.Identifier || prop.value.name !== value.name) return undefined;
    return staticKey(prop);
  }
  return undefined;
}

/** The expression an arrow or a one-statement function returns. */
export function returnedExpression(callback: FunctionLike): TSESTree.Expression | undefined {
  if (callback.body.type !== AST_NODE_TYPES.BlockStatement) return callback.body;
  const [only] = callback.body.body;
  if (callback.body.body.length !== 1 || only?.type !== AST_NODE_TYPES.ReturnStatement || !only.argument) return undefined;
  return only.argument;
}

/**
 * `[...new Set(rows.map(…))]`, `Array.from(new Set(rows.map(…)))`: a deduplicated list. A `Set` kept as a
 * set is a lookup structure (`ids.has(x)`), not a deduplication the query could do.
 */
function feedsSet(call: TSESTree.CallExpression): boolean {
  const arg = climbWrappers(call, 'row');
  const set = arg.parent;
  if (set?.type !== AST_NODE_TYPES.NewExpression || set.callee.type !== AST_NODE_TYPES.Identifier || set.callee.name !== 'Set' || set.arguments[0] !== arg) return false;
  const outer = climbWrappers(set, 'row');
  const parent = outer.parent;
  if (parent?.type === AST_NODE_TYPES.SpreadElement) return parent.parent.type === AST_NODE_TYPES.ArrayExpression;
  if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== outer) return false;
  const callee = skipTypeWrappers(parent.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Array' && propertyName(callee) === 'from';
}

/**
 * Whether `node` may run several times for one evaluation of `origin`: it sits in a loop body or a function
 * (a callback, a closure) that does not also contain `origin`. `rows.filter((r) => r.id === item.id)` inside
 * `items.map(…)` groups one batch per item; it is not a filter the query could have applied.
 */
export function repeatsRelativeTo(node: TSESTree.Node, origin: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (origin.range[0] >= parent.range[0] && origin.range[1] <= parent.range[1]) return false;
    switch (parent.type) {
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.FunctionDeclaration:
        return true;
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        if (child === parent.body) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

/**
 * The filter a callback applies, when it reads one field of the row: `(r) => r.status === 'active'`
 * (`equals`), `(r) => r.published` (`true`). `value` must be computable before `before` (the query): a
 * literal, or names declared before it.
 */
export function predicateOf(
  sourceCode: Readonly<TSESLint.SourceCode>,
  callback: FunctionLike,
  before: TSESTree.Node,
): { kind: 'equals'; field: string; value: string } | { kind: 'true'; field: string } | undefined {
  const param = callback.params[0];
  if (param?.type !== AST_NODE_TYPES.Identifier || callback.params.length > 1) return undefined;
  const body = returnedExpression(callback);
  if (!body) return undefined;
  const fieldOf = (node: TSESTree.Node): string | undefined => {
    const inner = node.type === AST_NODE_TYPES.ChainExpression ? node.expression : node;
    if (inner.type !== AST_NODE_TYPES.MemberExpression || inner.computed) return undefined;
    const object = skipTypeWrappers(inner.object);
    return object.type === AST_NODE_TYPES.Identifier && object.name === param.name ? propertyName(inner) : undefined;
  };
  const truthy = fieldOf(body);
  if (truthy !== undefined) return { kind: 'true', field: truthy };
  if (body.type !== AST_NODE_TYPES.BinaryExpression || (body.operator !== '===' && body.operator !== '==')) return undefined;
  for (const [side, other] of [
    [body.left, body.right],
    [body.right, body.left],
  ] as const) {
    const field = fieldOf(side);
    if (field === undefined) continue;
    if (nullish(other) !== undefined) return undefined; // `=== null` vs SQL `IS NULL`: leave it to the author
    if (!hoistable(sourceCode, other, callback, before)) return undefined;
    return { kind: 'equals', field, value: sourceCode.getText(other) };
  }
  return undefined;
}

/**
 * Whether a per-row callback compares two values of the same row (`(o) => o._count.members > o.claim.limit`):
 * a condition between columns or aggregates, which a plain ORM filter cannot state.
 */
export function comparesRowToRow(sourceCode: Readonly<TSESLint.SourceCode>, callback: FunctionLike): boolean {
  const param = callback.params[0];
  if (param?.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = sourceCode.getDeclaredVariables(callback).find((v) => v.name === param.name);
  if (!variable) return false;
  const reads = variable.references.map((r) => r.identifier);
  const readsRow = (node: TSESTree.Node): boolean => reads.some((id) => id.range[0] >= node.range[0] && id.range[1] <= node.range[1]);
  return someNode(
    callback.body,
    (node) => node.type === AST_NODE_TYPES.BinaryExpression && node.left.type !== AST_NODE_TYPES.PrivateIdentifier && readsRow(node.left) && readsRow(node.right),
  );
}

/** Calls in a callback that a WHERE / ORDER BY cannot express: positions in another list, parsing a stored string. */
const JS_ONLY_CALLS = new Set(['indexOf', 'lastIndexOf', 'findIndex', 'findLastIndex']);

/**
 * Whether the callback computes something only JavaScript has: `ids.indexOf(a.id)` (restoring the caller's order),
 * `JSON.parse(row.event)` (a condition on a parsed text column).
 */
export function computesInJavaScript(callback: FunctionLike): boolean {
  return someNode(callback.body, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression || node.callee.computed || node.callee.property.type !== AST_NODE_TYPES.Identifier) return false;
    const name = node.callee.property.name;
    const object = node.callee.object;
    return JS_ONLY_CALLS.has(name) || (name === 'parse' && object.type === AST_NODE_TYPES.Identifier && object.name === 'JSON');
  });
}

/** `(a, b) => a.x - b.x` (asc), `b.x - a.x` (desc), `a.x.localeCompare(b.x)`. */
export function comparatorOf(callback: FunctionLike): { field: string; direction: 'asc' | 'desc' } | undefined {
  const [a, b] = callback.params;
  if (a?.type !== AST_NODE_TYPES.Identifier || b?.type !== AST_NODE_TYPES.Identifier || callback.params.length !== 2) return undefined;
  const body = returnedExpression(callback);
  if (!body) return undefined;
  const read = (node: TSESTree.Node): { param: string; field: string } | undefined => {
    if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || node.object.type !== AST_NODE_TYPES.Identifier) return undefined;
    const field = propertyName(node);
    return field === undefined ? undefined : { param: node.object.name, field };
  };
  let left: { param: string; field: string } | undefined;
  let right: { param: string; field: string } | undefined;
  if (body.type === AST_NODE_TYPES.BinaryExpression && body.operator === '-') {
    left = read(body.left);
    right = read(body.right);
  } else if (
    body.type === AST_NODE_TYPES.CallExpression &&
    body.callee.type === AST_NODE_TYPES.MemberExpression &&
    propertyName(body.callee) === 'localeCompare' &&
    body.arguments.length === 1
  ) {
    left = read(body.callee.object);
    right = body.arguments[0] ? read(body.arguments[0]) : undefined;
  }
  if (!left || !right || left.field !== right.field) return undefined;
  if (left.param === a.name && right.param === b.name) return { field: left.field, direction: 'asc' };
  if (left.param === b.name && right.param === a.name) return { field: left.field, direction: 'desc' };
  return undefined;
}

/**
 * Whether `node` can be evaluated where `before` stands: it reads no parameter or local of `inside`, and
 * every name it reads is declared before `before` (or is a global).
 */
export function hoistable(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, inside: TSESTree.Node, before: TSESTree.Node): boolean {
  let ok = true;
  const visit = (n: TSESTree.Node): void => {
    if (!ok) return;
    switch (n.type) {
      case AST_NODE_TYPES.Identifier: {
        const variable = ASTUtils.findVariable(sourceCode.getScope(n), n);
        const def = variable?.defs[0];
        if (!def) return; // a global
        const at = def.name.range[0];
        if ((at >= inside.range[0] && at < inside.range[1]) || at >= before.range[0]) ok = false;
        return;
      }
      case AST_NODE_TYPES.Literal:
      case AST_NODE_TYPES.ThisExpression:
        return;
      case AST_NODE_TYPES.MemberExpression:
        visit(n.object);
        if (n.computed) visit(n.property);
        return;
      case AST_NODE_TYPES.TemplateLiteral:
        n.expressions.forEach(visit);
        return;
      case AST_NODE_TYPES.UnaryExpression:
        visit(n.argument);
        return;
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
        visit(n.expression);
        return;
      default:
        // Calls and other expressions might have side effects or read the row: keep them where they are.
        ok = false;
    }
  };
  visit(node);
  return ok;
}

