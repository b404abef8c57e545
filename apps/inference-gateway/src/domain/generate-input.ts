import type { Role } from '@aero/contracts';

/** One chat turn after validation. */
export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A Generate request after validation: exactly one of prompt and messages is set. */
export interface GenerateInput {
  prompt: string;
  messages: ChatTurn[];
  n: number;
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  seed?: number;
  stop: string[];
  role: Role;
}
