/**
 * A Prompter that plays a script: each question takes the next scripted answer, whose matcher
 * must fit the question's message (a wrong order fails loudly). It honours `validate` like
 * inquirer does: a rejected answer records the rule shown and the same question takes the next
 * scripted answer. `CTRL_C` throws the AbortError the real prompter throws.
 */
import { isDeepStrictEqual } from 'node:util';
import { AbortError } from '../../src/errors.js';
import { ABORTED_AT_QUESTION, type Choice, type Prompter } from '../../src/wizard/prompter.js';

/** Press Enter: take the question's default (the checked boxes, for a checkbox). */
export const ENTER = Symbol('enter');
export const CTRL_C = 'ctrl-c';

export type ScriptLine = [match: string | RegExp, answer: unknown];

export interface AskedQuestion {
  kind: 'select' | 'checkbox' | 'search' | 'input' | 'confirm';
  message: string;
  default?: unknown;
  /** Choice names as shown, in order. */
  choices?: string[];
  /** Names of pre-ticked checkbox choices. */
  checked?: string[];
}

export class ScriptedPrompter implements Prompter {
  readonly asked: AskedQuestion[] = [];
  /** Every rule text a `validate` showed, in order. */
  readonly shown: string[] = [];
  private readonly script: ScriptLine[];

  constructor(script: ScriptLine[]) {
    this.script = [...script];
  }

  /** Messages of the questions asked, in order. */
  get messages(): string[] {
    return this.asked.map((q) => q.message);
  }

  /** Scripted answers nobody asked for (a finished script leaves none). */
  get unused(): ScriptLine[] {
    return this.script;
  }

  async select<T>(q: { message: string; choices: Choice<T>[]; default?: T }): Promise<T> {
    this.record({ kind: 'select', message: q.message, default: q.default, choices: q.choices.map((c) => c.name) });
    const answer = this.next(q.message);
    if (answer === ENTER) return q.default !== undefined ? pickValue(q.choices, q.default) : firstValue(q.choices);
    return pickValue(q.choices, answer);
  }

  async checkbox<T>(q: { message: string; choices: Choice<T>[]; validate?: (v: T[]) => true | string }): Promise<T[]> {
    this.record({
      kind: 'checkbox',
      message: q.message,
      choices: q.choices.map((c) => c.name),
      checked: q.choices.filter((c) => c.checked).map((c) => c.name),
    });
    for (;;) {
      const answer = this.next(q.message);
      const picked = answer === ENTER ? q.choices.filter((c) => c.checked).map((c) => c.value) : (answer as unknown[]).map((a) => pickValue(q.choices, a));
      if (this.accepts(q.validate, picked)) return picked;
    }
  }

  async search<T>(q: { message: string; source: (term: string | undefined) => Choice<T>[] | Promise<Choice<T>[]> }): Promise<T> {
    const choices = await q.source(undefined);
    this.record({ kind: 'search', message: q.message, choices: choices.map((c) => c.name) });
    const answer = this.next(q.message);
    // `{ term, value }` types a filter first, as a user would, and picks from what it shows.
    if (isTermAnswer(answer)) return pickValue(await q.source(answer.term), answer.value);
    return answer === ENTER ? firstValue(choices) : pickValue(choices, answer);
  }

  async input(q: { message: string; default?: string; validate?: (v: string) => true | string }): Promise<string> {
    this.record({ kind: 'input', message: q.message, default: q.default });
    for (;;) {
      const answer = this.next(q.message);
      // Like inquirer: an empty answer takes the default.
      const typed = answer === ENTER || answer === '' ? (q.default ?? '') : String(answer);
      if (this.accepts(q.validate, typed)) return typed;
    }
  }

  async confirm(q: { message: string; default?: boolean }): Promise<boolean> {
    this.record({ kind: 'confirm', message: q.message, default: q.default });
    const answer = this.next(q.message);
    // @inquirer/confirm treats a missing default as yes.
    return answer === ENTER ? q.default !== false : Boolean(answer);
  }

  private record(question: AskedQuestion): void {
    this.asked.push(question);
  }

  private accepts<V>(validate: ((v: V) => true | string) | undefined, value: V): boolean {
    const verdict = validate ? validate(value) : true;
    if (verdict === true) return true;
    this.shown.push(verdict);
    return false;
  }

  private next(message: string): unknown {
    const line = this.script.shift();
    if (line === undefined) throw new Error(`Unscripted question: "${message}"`);
    const [match, answer] = line;
    const fits = typeof match === 'string' ? message.includes(match) : match.test(message);
    if (!fits) throw new Error(`Question "${message}" was asked where the script expected ${String(match)}`);
    if (answer === CTRL_C) throw new AbortError(ABORTED_AT_QUESTION);
    return answer;
  }
}

function isTermAnswer(answer: unknown): answer is { term: string; value: unknown } {
  return typeof answer === 'object' && answer !== null && 'term' in answer && 'value' in answer;
}

function pickValue<T>(choices: Choice<T>[], wanted: unknown): T {
  const choice = choices.find((c) => isDeepStrictEqual(c.value, wanted));
  if (!choice) throw new Error(`${JSON.stringify(wanted)} is not among the choices ${JSON.stringify(choices.map((c) => c.name))}`);
  return choice.value;
}

function firstValue<T>(choices: Choice<T>[]): T {
  const first = choices[0];
  if (!first) throw new Error('A question offered no choices');
  return first.value;
}
