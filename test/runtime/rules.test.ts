/**
 * Rule × ORM runtime proofs: for every rule whose fix or suggestion changes how many statements run
 * or how many rows travel, a ❌ example per ORM is linted with the plugin (src/, through ESLint's
 * Linter), rewritten with the rule's OWN fix or first suggestion, and both versions run on a fresh
 * seeded SQLite database at N = 10 and N = 100 (test/runtime/harness.ts). The results must be
 * identical and the counts must keep the rule's claim. A table per rule × ORM is printed at the end.
 *
 * Mongoose cannot run here (no MongoDB server); its rules are verified statically.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureOrmsSetUp, ORMS, sameResult, type OrmCaseResult, type OrmName } from './harness.js';
import { applyRuleFix, lineOf, lintExample, type FixKind, type LintMessage } from './lint-fix.js';
import { rules } from '../../src/rules/index.js';
import { NOT_PROVEN, PROOFS } from './proofs/index.js';
import { nPlusOneToTwo as noQueryInLoopClaim } from './proofs/claims.js';
import { createRunQueue, firstDifference, judge, measure, type PairRun } from './proofs/judge.js';
import { isNoFix, type NoFixCase, type ProofCase, type RuleProof } from './proofs/types.js';
import { typeCheckExamples } from './typecheck.js';

const SIZES = [10, 100] as const;
/** Seed size for the emptied-loop run (the loop itself runs zero times). */
const EMPTY_N = 10;

interface Prepared {
  readonly proof: RuleProof;
  readonly c: ProofCase;
  /** What went wrong while linting/fixing (the test reports it); undefined when a rewrite was produced. */
  readonly lintProblem?: string;
  readonly messages: LintMessage[];
  readonly fixed?: string;
  readonly kind?: FixKind;
  /** The same example with the loop's collection emptied (when it has one), and the rule's rewrite of that. */
  readonly empty?: { readonly source: string; readonly fixed?: string; readonly problem?: string };
  /** Settles when every run of this case is done. */
  runs?: Promise<{ ok: true; value: { pairs: PairRun[]; empty?: PairRun } } | { ok: false; error: unknown }>;
}

interface Row {
  rule: string;
  orm: OrmName;
  scenario: string;
  kind: FixKind | 'none';
  cells: { n: number; bad: string; fixed: string }[];
  verdict: string;
}

const queue = createRunQueue();
const prepared = new Map<ProofCase, Prepared>();
const table: Row[] = [];
let started = 0;
let typeCheck: { files: number; ms: number } | undefined;

function describeMessages(messages: LintMessage[]): string {
  return messages.map((m) => `${m.line}:${m.column} ${m.ruleId ?? '(fatal)'} ${m.messageId ?? ''} ${m.message}`).join('\n') || '(no messages)';
}

/** Lints the ❌ example, checks it has exactly the expected report, and applies the rule's rewrite. */
function prepare(proof: RuleProof, c: ProofCase): Prepared {
  const messages = lintExample(proof.rule, c.orm, c.source, c.options);
  const line = lineOf(c.source, c.at);
  const ruleMessages = messages.filter((m) => m.ruleId === `orm/${proof.rule}`);
  const fatal = messages.filter((m) => m.fatal);
  if (fatal.length > 0 || ruleMessages.length !== 1 || ruleMessages[0]!.messageId !== c.messageId || ruleMessages[0]!.line !== line) {
    return { proof, c, messages, lintProblem: `expected exactly one ${c.messageId} report on line ${line}, got:\n${describeMessages(messages)}` };
  }
  const rewrite = applyRuleFix(c.source, ruleMessages[0]!);
  if (!rewrite) return { proof, c, messages, lintProblem: `the report on line ${line} has neither a fix nor a suggestion` };
  return { proof, c, messages, fixed: rewrite.output, kind: rewrite.kind, empty: prepareEmpty(proof, c, line) };
}

/**
 * Bulk and batched rewrites must also be right when the loop runs zero times (`IN ()`, `insert([])`,
 * `update([])` fail on some ORMs where the loop simply did nothing). For an example that loops over a
 * `const` collection, the same example with `<collection>.length = 0;` right after it is declared.
 */
function emptiedSource(source: string): string | undefined {
  const iterable = /\bfor \(const \w+ of (\w+)\)/.exec(source)?.[1];
  if (iterable === undefined) return undefined;
  const lines = source.split('\n');
  const start = lines.findIndex((l) => new RegExp(`^\\s*const ${iterable} = `).test(l));
  if (start === -1) return undefined;
  let end = start;
  while (end < lines.length && !lines[end]!.trimEnd().endsWith(';')) end++;
  if (end === lines.length) return undefined;
  lines.splice(end + 1, 0, `${/^\s*/.exec(lines[start]!)![0]}${iterable}.length = 0;`);
  return lines.join('\n');
}

function prepareEmpty(proof: RuleProof, c: ProofCase, line: number): Prepared['empty'] {
  const source = emptiedSource(c.source);
  if (source === undefined) return undefined;
  const messages = lintExample(proof.rule, c.orm, source, c.options).filter((m) => m.ruleId === `orm/${proof.rule}`);
  const at = lineOf(source, c.at);
  if (messages.length !== 1 || messages[0]!.messageId !== c.messageId || messages[0]!.line !== at) {
    return { source, problem: `with the loop's collection emptied, expected one ${c.messageId} report on line ${at} (was ${line}), got:\n${describeMessages(messages)}` };
  }
  const rewrite = applyRuleFix(source, messages[0]!);
  return rewrite ? { source, fixed: rewrite.output } : { source, problem: 'with the loop\'s collection emptied, the report has no rewrite' };
}

beforeAll(() => {
  ensureOrmsSetUp();
  started = Date.now();
}, 600_000);

/** Lints and rewrites the case, then runs ❌ and fixed at every N (at most `queue.limit` children at a time). */
function runCase(proof: RuleProof, c: ProofCase): Prepared {
  let p = prepared.get(c);
  if (p) return p;
  p = prepare(proof, c);
  prepared.set(c, p);
  const fixed = p.fixed;
  if (fixed === undefined) return p;
  const empty = p.empty?.fixed !== undefined ? p.empty : undefined;
  const group = SIZES.flatMap((n) => [{ n, source: c.source }, { n, source: fixed }]);
  if (empty) group.push({ n: EMPTY_N, source: empty.source }, { n: EMPTY_N, source: empty.fixed! });
  p.runs = queue
    .run(c.orm, group)
    .then((results) => ({
      pairs: SIZES.map((n, i) => ({ n, bad: results[2 * i]!, fixed: results[2 * i + 1]! })),
      ...(empty && { empty: { n: EMPTY_N, bad: results[2 * SIZES.length]!, fixed: results[2 * SIZES.length + 1]! } }),
    }))
    .then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
  return p;
}

afterAll(() => {
  const seconds = (Date.now() - started) / 1000;
  const lines: string[] = [];
  for (const proof of PROOFS) {
    lines.push('', `${proof.rule} — claim: ${proof.claim.text}; results identical at N = ${SIZES.join(' and ')}`);
    const rows = table.filter((r) => r.rule === proof.rule);
    const header = ['ORM', 'scenario', 'rewrite', ...SIZES.flatMap((n) => [`N=${n} ❌ data/other/rows`, `N=${n} fixed`]), 'verdict'];
    const body = rows.map((r) => [r.orm, r.scenario, r.kind, ...SIZES.flatMap((_n, i) => [r.cells[i]?.bad ?? '-', r.cells[i]?.fixed ?? '-']), r.verdict]);
    lines.push(...formatTable(header, body));
    const noFix = proof.cases.filter(isNoFix);
    for (const c of noFix) lines.push(`  no rewrite — ${c.orm}, ${c.scenario}: ${c.reason}`);
  }
  lines.push('', 'Rules without a runtime proof:', ...Object.entries(NOT_PROVEN).map(([rule, reason]) => `  ${rule}: ${reason}`));
  lines.push(
    '',
    'mongoose: not run — there is no MongoDB server on this machine (no Debian package; mongodb-memory-server downloads its binary at run time). Its rules are verified statically (test/rules).',
    ...(typeCheck ? [`${typeCheck.files} examples (❌ and rewrites) type-checked against the real ORM types in ${(typeCheck.ms / 1000).toFixed(1)} s.`] : []),
    `${queue.stats.runs} example runs in ${queue.stats.children} child processes (one per case and ORM, at most ${queue.limit} at a time) in ${seconds.toFixed(1)} s.`,
  );
  console.log(['Rule × ORM runtime proofs (statements and rows: data/other/rows, ❌ vs the rule’s own rewrite)', ...lines].join('\n'));
});

function formatTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

function shape(r: OrmCaseResult): string {
  const m = measure(r);
  return `${m.data}/${m.other}/${m.rows}`;
}

describe('coverage', () => {
  it('every rule of the plugin has a runtime proof or a stated reason for having none', () => {
    const proven = new Set(PROOFS.map((p) => p.rule));
    const unclassified = Object.keys(rules).filter((rule) => !proven.has(rule) && NOT_PROVEN[rule] === undefined);
    expect(unclassified, 'add a proof in test/runtime/proofs/ (or the reason there is none to NOT_PROVEN)').toEqual([]);
    expect(Object.keys(NOT_PROVEN).filter((rule) => proven.has(rule) || !(rule in rules))).toEqual([]);
  });
});

describe('types', () => {
  // "Suggestion output must parse and type-check": every ❌ example and every rewrite the rules make of
  // them compile against the real ORM types (strict), next to a db.ts re-exporting test/orms/db/<orm>.ts.
  it('every ❌ example and the rule’s rewrite of it type-check against the real ORM types', () => {
    const examples: { label: string; orm: OrmName; source: string }[] = [];
    for (const proof of PROOFS) {
      for (const c of proof.cases) {
        if (isNoFix(c)) {
          if (c.example) examples.push({ label: `${proof.rule} ${c.orm} (${c.scenario}) ❌`, orm: c.orm, source: c.example.source });
          continue;
        }
        const p = prepared.get(c) ?? prepare(proof, c);
        examples.push({ label: `${proof.rule} ${c.orm} (${c.scenario}) ❌`, orm: c.orm, source: c.source });
        if (p.fixed !== undefined) examples.push({ label: `${proof.rule} ${c.orm} (${c.scenario}) ${p.kind}`, orm: c.orm, source: p.fixed });
      }
    }
    const t0 = Date.now();
    const errors = typeCheckExamples(examples);
    typeCheck = { files: examples.length, ms: Date.now() - t0 };
    const failing = examples.flatMap((e, i) => (errors[i]!.length > 0 ? [`${e.label}:\n  ${errors[i]!.join('\n  ')}`] : []));
    expect(failing).toEqual([]);
  }, 300_000);
});

describe('every proof names all eight ORMs (a case or the reason there is none)', () => {
  it.each(PROOFS.map((p) => [p.rule, p] as const))('%s', (_rule, proof) => {
    const covered = new Set(proof.cases.map((c) => c.orm));
    expect(ORMS.filter((orm) => !covered.has(orm))).toEqual([]);
  });
});

for (const proof of PROOFS) {
  describe(proof.rule, () => {
    for (const c of proof.cases) {
      if (isNoFix(c)) {
        it(`${c.orm}: ${c.scenario} — no rewrite (${c.reason})`, () => {
          checkNoFix(proof, c);
        });
        continue;
      }
      it(`${c.orm}: ${c.scenario}`, async () => {
        const p = runCase(proof, c);
        if (p.lintProblem !== undefined) {
          table.push({ rule: proof.rule, orm: c.orm, scenario: c.scenario, kind: 'none', cells: [], verdict: 'FAILED: report or rewrite missing' });
        }
        expect(p.lintProblem, p.lintProblem).toBeUndefined();
        const settled = await p.runs!;
        if (!settled.ok) throw settled.error;
        const problems = judge(proof.claim, settled.value.pairs, c.items);
        // Zero items: only the results must agree (no claim about counts).
        const empty = settled.value.empty;
        if (p.empty?.problem) problems.push(p.empty.problem);
        if (empty && !sameResult(empty.bad.result, empty.fixed.result)) {
          problems.push(`with the loop's collection emptied: the results differ: ${firstDifference(empty.bad.result, empty.fixed.result)}\n--- fixed code:\n${p.empty!.fixed!}`);
        }
        table.push({
          rule: proof.rule,
          orm: c.orm,
          scenario: c.scenario,
          kind: p.kind!,
          cells: settled.value.pairs.map((r) => ({ n: r.n, bad: shape(r.bad), fixed: shape(r.fixed) })),
          verdict: problems.length === 0 ? (empty ? 'ok, also with 0 items' : 'ok') : 'FAILED',
        });
        expect(problems, `${problems.join('\n')}\n--- fixed code (${p.kind}):\n${p.fixed}`).toEqual([]);
      }, 300_000);
    }
  });
}

/** A no-rewrite cell: the ❌ example (when given) is reported, exactly once, without fix or suggestion. */
function checkNoFix(proof: RuleProof, c: NoFixCase): void {
  if (!c.example) return;
  const messages = lintExample(proof.rule, c.orm, c.example.source);
  const reports = messages.filter((m) => m.ruleId === `orm/${proof.rule}`);
  expect(reports.map((m) => ({ messageId: m.messageId, line: m.line })), describeMessages(messages)).toEqual([
    { messageId: c.example.messageId, line: lineOf(c.example.source, c.example.at) },
  ]);
  expect(reports[0]!.fix).toBeUndefined();
  expect(reports[0]!.suggestions ?? []).toEqual([]);
}

describe('the comparison can fail', () => {
  // The ❌ example filters on a second, constant condition; the rule's suggestion keeps it in the
  // batched query. A "fix" that drops it (a builder bug this suite exists to catch) returns other rows.
  const source = `
import { prisma } from './db';

export async function run() {
  const posts = await prisma.post.findMany({ select: { views: true }, orderBy: { id: 'asc' } });
  const wanted = posts.map((p) => p.views);
  const out = [];
  for (const views of wanted) {
    out.push(await prisma.post.findFirst({ where: { views, published: true } }));
  }
  return out;
}
`;

  it('a suggestion with its `where` condition dropped fails; the rule’s own suggestion passes', async () => {
    const [report] = lintExample('no-query-in-loop', 'prisma', source).filter((m) => m.ruleId === 'orm/no-query-in-loop');
    const rewrite = applyRuleFix(source, report!);
    expect(rewrite?.output).toContain('where: { views: { in: wanted }, published: true }');
    const wrong = rewrite!.output.replace('where: { views: { in: wanted }, published: true }', 'where: { views: { in: wanted } }');
    expect(wrong).not.toBe(rewrite!.output);

    const n = 10;
    const [bad, fixed, broken] = await queue.run('prisma', [{ n, source }, { n, source: rewrite!.output }, { n, source: wrong }]);
    expect(judge(noQueryInLoopClaim, [{ n, bad: bad!, fixed: fixed! }])).toEqual([]);
    const problems = judge(noQueryInLoopClaim, [{ n, bad: bad!, fixed: broken! }]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^N=10: the results differ/);
    // Same statement count (the claim alone cannot see it): only comparing results catches it.
    expect(measure(broken!).data).toBe(2);
  });

  it('a "fix" that still queries per item keeps the results but fails the claim', async () => {
    const n = 10;
    const [bad] = await queue.run('prisma', [{ n, source }]);
    const problems = judge(noQueryInLoopClaim, [{ n, bad: bad!, fixed: bad! }]);
    expect(problems).toEqual([`N=10: the fixed version ran ${n + 1} data statements at N=10, expected at most 2`]);
  });
});
