import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '@aero/config';
import { unaryCall } from '@aero/service-kit';
import { configFileOf } from '../adapters/config-file-of';
import { parseRunRound } from '../domain/parse-run-round';
import { connectOrchestrator } from './connect-orchestrator';

const USAGE = 'usage: aero chat RUN[:ROUND] QUESTION [--temperature T] [--max-tokens N] [--n N]';

// The numbers as typed; their ranges are the orchestrator's to check, and its errors name the field.
const whole = (flag: string) => z.string().regex(/^\d+$/, `${flag} expects a whole number`).transform(Number).optional();
const numbers = z.object({
  temperature: z.string().regex(/^\d*\.?\d+$/, '--temperature expects a number such as 0.7').transform(Number).optional(),
  'max-tokens': whole('--max-tokens'),
  n: whole('--n'),
});

/**
 * `aero chat RUN[:ROUND] QUESTION [--temperature T] [--max-tokens N] [--n N] [--config FILE]`: asks a
 * checkpoint of a run (without a round, its last) one question on the solver role's prompt and
 * prints the replies. The orchestrator serves the checkpoint and samples it through synth and the
 * gateway, the path the run itself took; greedy unless --temperature says otherwise.
 */
export async function chatCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { temperature: { type: 'string' }, 'max-tokens': { type: 'string' }, n: { type: 'string' }, config: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 2) throw new Error(USAGE);
  const target = parseRunRound(positionals[0], 'chat', false);
  const parsed = numbers.safeParse(values);
  if (!parsed.success) throw new Error(`${parsed.error.issues.map((i) => i.message).join('; ')}\n${USAGE}`);
  const configFile = configFileOf(argv);
  const connection = await connectOrchestrator(loadConfig({ file: configFile }), configFile);
  try {
    const { client } = connection;
    const answer = await unaryCall(client.chat.bind(client), {
      run_id: target.run_id,
      round: target.round,
      question: positionals[1],
      n: parsed.data.n ?? 1,
      temperature: parsed.data.temperature,
      max_tokens: parsed.data['max-tokens'],
    });
    console.log(`Round ${answer.round} of run ${target.run_id} (${answer.model}) answers:`);
    for (const sample of answer.samples) {
      if (answer.samples.length > 1) console.log(`\n--- reply ${sample.index + 1} of ${answer.samples.length}`);
      console.log(`\n${sample.text}\n`);
      console.log(sample.parsed ? `answer: ${sample.answer}` : 'answer: none (the reply has no closed \\boxed{...})');
    }
    return 0;
  } finally {
    await connection.close();
  }
}
