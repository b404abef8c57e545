import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { applyChatTemplate } from '../corpus/embedded-chat-template';

export interface KtoExample {
  prompt: string;
  completion: string;
  desirable: boolean;
}

const DatasetInfoEntry = z.object({
  file_name: z.string(),
  formatting: z.literal('sharegpt'),
  columns: z.object({ messages: z.string().default('conversations'), kto_tag: z.string() }).passthrough(),
  tags: z
    .object({
      role_tag: z.string().default('from'),
      content_tag: z.string().default('value'),
      user_tag: z.string().default('human'),
      assistant_tag: z.string().default('gpt'),
      system_tag: z.string().optional(),
    })
    .passthrough()
    .default({ role_tag: 'from', content_tag: 'value', user_tag: 'human', assistant_tag: 'gpt' }),
}).passthrough();

/**
 * Loads LLaMA-Factory sharegpt KTO datasets named in `dataset` (comma separated) from dataset_dir.
 * The prompt is every turn before the final assistant turn, rendered with the engine's chat
 * template; the completion is that assistant turn. Any defect names its file and record.
 */
export function loadKtoDataset(datasetDir: string, names: string): KtoExample[] {
  const infoPath = path.join(datasetDir, 'dataset_info.json');
  if (!existsSync(infoPath)) throw new Error(`dataset_info.json not found: ${infoPath}`);
  let info: Record<string, unknown>;
  try {
    info = JSON.parse(readFileSync(infoPath, 'utf8'));
  } catch (e) {
    throw new Error(`${infoPath}: not valid JSON (${(e as Error).message})`);
  }
  const out: KtoExample[] = [];
  for (const name of names.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!(name in info)) throw new Error(`${infoPath}: no dataset named ${JSON.stringify(name)}`);
    const parsed = DatasetInfoEntry.safeParse(info[name]);
    if (!parsed.success) throw new Error(`${infoPath}: dataset ${name}: ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
    const entry = parsed.data;
    const file = path.join(datasetDir, entry.file_name);
    if (!existsSync(file)) throw new Error(`dataset file not found: ${file} (dataset ${name})`);
    for (const [where, record] of readRecords(file)) out.push(toExample(record, entry, where));
  }
  if (out.length === 0) throw new Error(`no training examples in dataset(s) ${names}`);
  return out;
}

function readRecords(file: string): [string, unknown][] {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.jsonl')) {
    return text.split('\n').flatMap((line, i): [string, unknown][] => {
      if (!line.trim()) return [];
      try {
        return [[`${file}:${i + 1}`, JSON.parse(line)]];
      } catch {
        throw new Error(`${file}:${i + 1}: malformed record: not valid JSON`);
      }
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(data)) throw new Error(`${file}: expected a JSON array of records`);
  return data.map((r, i) => [`${file}[${i}]`, r]);
}

function toExample(record: unknown, entry: z.infer<typeof DatasetInfoEntry>, where: string): KtoExample {
  const bad = (why: string): never => {
    throw new Error(`${where}: malformed record: ${why}`);
  };
  if (typeof record !== 'object' || record === null) return bad('not an object');
  const r = record as Record<string, unknown>;
  const messages = r[entry.columns.messages];
  if (!Array.isArray(messages) || messages.length < 2) return bad(`"${entry.columns.messages}" must be an array of at least two messages`);
  const label = r[entry.columns.kto_tag];
  if (typeof label !== 'boolean') return bad(`"${entry.columns.kto_tag}" must be true or false`);
  const { role_tag, content_tag, user_tag, assistant_tag, system_tag } = entry.tags;
  const turns = messages.map((m, i) => {
    const role = (m as Record<string, unknown>)?.[role_tag];
    const content = (m as Record<string, unknown>)?.[content_tag];
    if (typeof content !== 'string') return bad(`message ${i} has no string "${content_tag}"`);
    if (role !== user_tag && role !== assistant_tag && (system_tag === undefined || role !== system_tag)) return bad(`message ${i} has role ${JSON.stringify(role)}`);
    return { role, content };
  });
  const last = turns[turns.length - 1];
  if (last.role !== assistant_tag) return bad(`the last message must be the ${assistant_tag} turn`);
  if (turns[turns.length - 2].role === assistant_tag) return bad('the prompt must end with a user turn');
  return { prompt: applyChatTemplate(turns.slice(0, -1)), completion: last.content, desirable: label };
}
