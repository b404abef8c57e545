import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KtoExample, Role } from '@aero/contracts';
import { RunStore } from '../adapters/run-store';
import { ktoExample } from '../testing/kto-example';
import { writeRun } from '../testing/write-run';
import { applyRoleWeights } from './apply-role-weights';
import { datasetSize } from './dataset-size';
import { SeededRandom } from './seeded-random';
import { sharegptRecord } from './sharegpt-record';

const many = (role: Role, n: number) => Array.from({ length: n }, (_, i) => ktoExample(role, 1, i, i % 2 === 0));
// Quotes, a newline, a backslash and non-ASCII text: JSON escapes some, and the size must count them.
const escaped = KtoExample.fromPartial({ role: Role.ROLE_SOLVER, label: true, prompt: 'say "ja"\n', completion: 'Größe \\boxed{½}' });
const examples = [...many(Role.ROLE_GENERATOR, 3), ...many(Role.ROLE_SOLVER, 3), escaped, ...many(Role.ROLE_REFINER, 2)];

describe('datasetSize', () => {
  it('is exactly what applyRoleWeights and RunStore.writeDataset make of integer weights', () => {
    const weights = { generator: 2, solver: 3, refiner: 0 };
    const records = applyRoleWeights(examples, weights, new SeededRandom('size')).map(sharegptRecord);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dataset-size-'));
    writeRun(dir, 'run', []);
    const file = new RunStore(dir).writeDataset('run', 'aero_r1', records).datasetPath;

    const size = datasetSize(examples, weights);
    expect([size.records, size.chars]).toEqual([records.length, fs.readFileSync(file, 'utf8').length]);
    expect(size.roles.refiner).toEqual({ examples: 2, records: 0, chars: 0 });
    expect([size.roles.generator.records, size.roles.solver.records]).toEqual([6, 12]);
    expect(size.roles.generator.chars + size.roles.solver.chars).toBe(size.chars);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('bounds a fractional weight by ceil(w) copies and keeps one for 0 < w < 1, whatever the seed', () => {
    const weights = { generator: 0.2, solver: 2.5, refiner: 1 };
    const size = datasetSize(examples, weights);
    expect(size.records).toBe(3 * 1 + 4 * 3 + 2 * 1);
    const built = ['a', 'b', 'c', 'd', 'e', 'f'].map((seed) => applyRoleWeights(examples, weights, new SeededRandom(seed)).length);
    expect(Math.max(...built)).toBeLessThanOrEqual(size.records);
    expect(Math.min(...built)).toBeGreaterThanOrEqual(3 + 4 * 2 + 2);
  });

  it('sizes a billion-fold weight without making a single copy', () => {
    const size = datasetSize(examples, { generator: 1e9, solver: 1, refiner: 1 });
    expect(size.records).toBe(3e9 + 4 + 2);
    expect(size.roles.generator.chars).toBe(1e9 * datasetSize(many(Role.ROLE_GENERATOR, 3), { generator: 1, solver: 0, refiner: 0 }).chars);
  });
});
