import { Writable } from 'node:stream';
import { Phase, QuestionRecorded, RunEvent } from '@aero/contracts';
import { fixtureMeta } from '../testing/run-fixtures';
import { ProgressPrinter } from './progress-printer';

const aero = fixtureMeta({ rounds: 1, questions_per_round: 3 }).config.aero;
const event = (body: RunEvent['event']) => ({ ...RunEvent.fromPartial({ sequence: 1, round: 1 }), event: body });
const phase = (value: Phase) => event({ $case: 'phase_changed', value: { phase: value } });
const question = (done: number, rejected_reason = '') =>
  event({ $case: 'question_recorded', value: QuestionRecorded.fromPartial({ question_id: `r1-q${done}`, done, total: 3, rejected_reason }) });

/** A stream that keeps what is written, a terminal or not. */
function output(isTTY: boolean) {
  let text = '';
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString();
        done();
      },
    }),
    { isTTY },
  );
  return { stream, text: () => text };
}

const events = [phase(Phase.PHASE_SYNTHESIZING), question(1), question(2, 'too long'), question(3), phase(Phase.PHASE_BUILDING_DATASET)];
const trained = event({ $case: 'model_trained', value: { job_id: 'j', model_path: '/m', train_loss: 0.5, metrics: {}, skipped_reason: '' } });
const step = (current_steps: number) =>
  event({ $case: 'training_progress', value: { current_steps, total_steps: 2, loss: 0.5, lr: 0, epoch: 0, percentage: 0, elapsed_s: 0, remaining_s: 0 } });

describe('ProgressPrinter', () => {
  it('on a terminal redraws the status in place, prints lines above it, and keeps a step\'s last status', () => {
    const out = output(true);
    const printer = new ProgressPrinter(out.stream, 'r', aero);
    events.forEach((e) => printer.handle(e));
    // each screen line as the pieces between "clear the line" codes: what was drawn over what
    const lines = out.text().split('\n').map((l) => l.split('\r\x1b[2K').map((piece) => piece.slice(0, 32)));
    expect(lines).toEqual([
      ['round 1/1: solving each problem '],
      // the refusal went above the status line, which was drawn again below it
      ['', '  [########----------------] 1/3', '  question r1-q2 was refused and'],
      ['  [########----------------] 1/3', '  [################--------] 2/3', '  [########################] 3/3'],
      ['round 1/1: assembling the KTO tr'],
      [''],
    ]);
  });

  it('ends a step\'s status before a line that is not part of the step', () => {
    const out = output(true);
    const printer = new ProgressPrinter(out.stream, 'r', aero);
    [step(1), step(2), trained].forEach((e) => printer.handle(e));
    expect(out.text().split('\n').map((l) => l.split('\r\x1b[2K').at(-1))).toEqual([
      '  [########################] step 2/2 · loss 0.5000 · 0 s left',
      '  trained model /m (last loss 0.5000)',
      '',
    ]);
  });

  it('to a pipe prints the status now and then, and a step\'s last status always', () => {
    const out = output(false);
    let now = 100_000;
    const printer = new ProgressPrinter(out.stream, 'r', aero, () => now);
    printer.handle(events[0]);
    printer.handle(events[1]);
    now += 1000;
    printer.handle(events[2]);
    printer.handle(events[3]);
    printer.handle(events[4]);
    expect(out.text().split('\n').map((l) => l.slice(0, 40))).toEqual([
      'round 1/1: solving each problem 16 times',
      '  [########----------------] 1/3 questio',
      '  question r1-q2 was refused and yields ',
      '  [########################] 3/3 questio',
      'round 1/1: assembling the KTO training s',
      '',
    ]);
  });
});
