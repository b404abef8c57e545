import { CHAT_TEMPLATES, type AeroConfig } from '@aero/config';
import type { LaunchPlan } from './launch-plan';

const ROLES = ['generator', 'solver', 'refiner', 'judge'] as const;

/**
 * What the gateway would start and send, for a dry run: each engine process as a command line with
 * its environment, then what every chat request carries besides the messages.
 */
export function describeServing(engine: AeroConfig['engine'], plans: readonly LaunchPlan[]): string {
  const lines = [`Serving (inference gateway, backend ${engine.backend}): ${engine.model} as "${engine.served_model_name}", context ${engine.max_model_len} tokens`];
  if (engine.backend === 'openai') lines.push(...engine.openai.base_urls.map((url) => `  remote endpoint ${url}`));
  lines.push(...plans.map((plan) => `  ${commandLine(plan.env, [plan.command, ...plan.args])}`));
  const template = CHAT_TEMPLATES[engine.chat_template.name];
  const kwargs = template.thinkingSwitch ? `chat_template_kwargs {"enable_thinking": ${engine.chat_template.enable_thinking}}` : 'no chat_template_kwargs';
  const stops = template.stopTokens.length > 0 ? `stop_token_ids of ${template.stopTokens.join(' ')} (looked up with POST /tokenize)` : 'no stop tokens';
  lines.push(`  chat requests: template ${engine.chat_template.name}, ${kwargs}, ${stops}`);
  const unset = engine.backend === 'vllm' && engine.vllm.generation_config === 'auto' ? "the checkpoint's generation_config" : "the engine's default";
  for (const role of ROLES) {
    const topP = engine.sampling.top_p[role];
    const topK = engine.sampling.top_k[role];
    lines.push(`  ${role}: top_p ${topP ?? unset}, top_k ${topK ?? unset}`);
  }
  return lines.join('\n');
}

function commandLine(env: Record<string, string>, argv: string[]): string {
  const words = [...Object.entries(env).map(([name, value]) => `${name}=${value}`), ...argv];
  return words.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : JSON.stringify(w))).join(' ');
}
