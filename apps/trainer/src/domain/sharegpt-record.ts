import type { KtoExample } from '@aero/contracts';

/** One line of the training file: the exact prompt as the user turn, the completion as the assistant turn. */
export interface SharegptKtoRecord {
  messages: [{ role: 'user'; content: string }, { role: 'assistant'; content: string }];
  label: boolean;
}

export function sharegptRecord(example: KtoExample): SharegptKtoRecord {
  return {
    messages: [
      { role: 'user', content: example.prompt },
      { role: 'assistant', content: example.completion },
    ],
    label: example.label,
  };
}
