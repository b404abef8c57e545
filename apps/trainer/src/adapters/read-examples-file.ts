import * as fs from 'node:fs';
import { KtoExample, Role } from '@aero/contracts';
import { TrainerError } from '../domain/trainer-error';

const TRAINABLE = new Set([Role.ROLE_GENERATOR, Role.ROLE_SOLVER, Role.ROLE_REFINER]);

/**
 * Reads a round's examples.jsonl: one KtoExample per line in proto3 JSON form (KtoExample.toJSON).
 * A record the trainer cannot train on is a defect of the run store, reported with its file and
 * line rather than skipped, since skipping would silently change the dataset.
 */
export function readExamplesFile(file: string): KtoExample[] {
  const text = fs.readFileSync(file, 'utf8');
  const examples: KtoExample[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const bad = (why: string) => new TrainerError('failed_precondition', `${file}:${i + 1}: ${why}`);
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw bad('not valid JSON');
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw bad('not a JSON object');
    const r = raw as Record<string, unknown>;
    // proto3 JSON leaves out fields at their default, so a missing label means false.
    if (r.label !== undefined && typeof r.label !== 'boolean') throw bad('"label" must be true or false');
    if (typeof r.prompt !== 'string' || r.prompt === '') throw bad('"prompt" must be a non-empty string');
    if (typeof r.completion !== 'string' || r.completion === '') throw bad('"completion" must be a non-empty string');
    let example: KtoExample;
    try {
      example = KtoExample.fromJSON(raw);
    } catch {
      throw bad('not a KtoExample');
    }
    if (!TRAINABLE.has(example.role)) throw bad(`"role" must be ROLE_GENERATOR, ROLE_SOLVER or ROLE_REFINER, got ${JSON.stringify(r.role)}`);
    examples.push(example);
  });
  return examples;
}
