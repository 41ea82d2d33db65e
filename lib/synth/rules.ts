import { IConstruct } from 'constructs';
import { describeProblem, Problem, ProblemList } from '../problems';
import { hasOtherValidations, trimNodeArrays } from './construct-internals';
import { TreeListing } from './tree';

/**
 * A check of one construct: it reports into the list it is given and never throws. It is given the construct too,
 * so a class can register one shared function (`static`) instead of a closure per instance.
 */
export type Rule<C extends IConstruct = IConstruct> = (problems: ProblemList, construct: C) => void;

const RULES = Symbol('berth.rules');
let collecting = false;

/**
 * The rules of one construct, held by the construct itself (not in a WeakMap: an app of 10,000 objects would keep
 * 10,000 ephemerons for every garbage collection to trace). It is also the construct's plain `constructs`
 * validation: a cdk8s `App` that hosts berth constructs reports the rules' errors as `[path] message`.
 */
class ConstructRules<C extends IConstruct> {
  /** Rules after the first (most constructs have one). */
  private more?: Rule<C>[];

  public constructor(
    private readonly construct: C,
    private readonly first: Rule<C>,
  ) {}

  public add(rule: Rule<C>): void {
    (this.more ??= []).push(rule);
  }

  public run(problems: ProblemList): void {
    this.first(problems, this.construct);
    if (this.more) for (const rule of this.more) rule(problems, this.construct);
  }

  /** While berth collects, the plain validation stays silent so nothing is reported twice. */
  public validate(): string[] {
    return collecting ? [] : runRules(this.construct).filter((p) => p.severity === 'error').map(describeProblem);
  }
}

/**
 * Registers a rule for a construct. It runs twice over: as a plain `constructs` validation (so a cdk8s `App` that
 * hosts berth constructs reports it as `[path] message`), and as a structured Problem when berth's own synth
 * collects the whole app.
 */
export function addRule<C extends IConstruct>(construct: C, rule: Rule<C>): void {
  const existing = rulesOf(construct);
  if (existing) {
    existing.add(rule);
    return;
  }
  const rules = new ConstructRules(construct, rule);
  Object.defineProperty(construct, RULES, { value: rules });
  construct.node.addValidation(rules);
  trimNodeArrays(construct); // built, and given its one validation: see trimNodeArrays
}

function rulesOf<C extends IConstruct>(construct: C): ConstructRules<C> | undefined {
  return (construct as { [RULES]?: ConstructRules<C> })[RULES];
}

function runRules(construct: IConstruct, rules = rulesOf(construct)): readonly Problem[] {
  if (!rules) return []; // most constructs (every plain ApiObject) have none: skip computing their path
  const problems = new ProblemList(construct.node.path);
  rules.run(problems);
  return problems.all;
}

/** Every problem in the tree under `root`, berth's structured ones and any other construct's validation messages. */
export function collectProblems(root: IConstruct): Problem[] {
  const problems: Problem[] = [];
  withRulesSilenced(() => {
    for (const construct of allConstructs(root)) {
      const rules = rulesOf(construct);
      if (rules) problems.push(...runRules(construct, rules));
      // berth's rules, its validation too, are silent while collecting: ask only for the others
      if (!hasOtherValidations(construct, rules)) continue;
      for (const message of construct.node.validate()) {
        problems.push({ path: construct.node.path, field: '', message, severity: 'error' });
      }
    }
  });
  return problems;
}

/**
 * Runs `fn` (a plain cdk8s synth, which validates the tree again) with berth's rules silent: they have just run
 * over the whole app, and run one by one they would rebuild tree-wide indexes per construct.
 */
export function withRulesSilenced<T>(fn: () => T): T {
  const previous = collecting;
  collecting = true;
  try {
    return inPass(fn);
  } finally {
    collecting = previous;
  }
}

const sessionCache = new Map<string, unknown>();
let passDepth = 0;

/**
 * Runs `fn` as one pass over a tree that does not change meanwhile (berth's synth: the rules, then every target):
 * what `perPass` computes is shared until the outermost pass ends.
 */
export function inPass<T>(fn: () => T): T {
  passDepth++;
  try {
    return fn();
  } finally {
    if (--passDepth === 0) sessionCache.clear();
  }
}

/**
 * A value computed once per pass (such as the index of every pod template in the app), or on every call when the
 * rules run one by one under plain cdk8s validation, where no pass boundary is known.
 */
export function perPass<T>(key: string, compute: () => T): T {
  if (passDepth === 0) return compute();
  if (!sessionCache.has(key)) sessionCache.set(key, compute());
  return sessionCache.get(key) as T;
}

/** The constructs under `root`, listed once per pass (tree-wide rules and every target each walk the whole app). */
export function treeListing(root: IConstruct): TreeListing {
  const listings = perPass('tree-listings', () => new Map<IConstruct, TreeListing>());
  let listing = listings.get(root);
  if (!listing) {
    listing = new TreeListing(root);
    if (passDepth > 0) listings.set(root, listing);
  }
  return listing;
}

/** `root.node.findAll()`, listed once per pass. */
export function allConstructs(root: IConstruct): readonly IConstruct[] {
  return treeListing(root).all;
}
