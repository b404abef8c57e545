import { KtoExample, QuestionRecord, Role } from '@aero/contracts';
import { HeldOutQuestions, trainableExamples } from './held-out-questions';

describe('HeldOutQuestions', () => {
  it('knows a benchmark question whatever its spacing, and nothing else', () => {
    const held = new HeldOutQuestions(['7+5-3', ' 2 + 2 ']);
    expect(held.has('7+5-3')).toBe(true);
    expect(held.has('7 + 5 - 3 ')).toBe(true);
    expect(held.has('2+2')).toBe(true);
    expect(held.has('7+5-4')).toBe(false);
  });
});

describe('trainableExamples', () => {
  const record = (index: number, heldOut: boolean) =>
    QuestionRecord.fromPartial({
      question: { id: `r1-q${index}`, index, text: `${index}+1` },
      held_out: heldOut,
      verification: { examples: [KtoExample.fromPartial({ role: Role.ROLE_GENERATOR, completion: `q${index}` }), KtoExample.fromPartial({ role: Role.ROLE_SOLVER, completion: `s${index}` })] },
    });

  it('keeps every example of the other questions in order, and none of a held-out one', () => {
    expect(trainableExamples([record(0, false), record(1, true), record(2, false)]).map((e) => e.completion)).toEqual(['q0', 's0', 'q2', 's2']);
  });
});
