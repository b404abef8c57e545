import { reportRecords } from '../../testing/report-fixture';
import { questionRow } from './question-row';

describe('questionRow', () => {
  const [mastery, converged, chaos] = reportRecords().get(1) ?? [];
  const [, diverged] = reportRecords().get(2) ?? [];

  it('gives each sample its answer, its cluster and the label its training example got', () => {
    const row = questionRow(converged);
    expect(row).toMatchObject({ id: 'r1-q0001', text: '2+3+0', size: 2, zone: 'zpd', outcome: 'converged', consensus: '5', truth: '5' });
    expect(row.samples.map((s) => [s.answer, s.cluster, s.label])).toEqual([
      ['5', 0, true],
      ['5', 0, true],
      ['6', 1, false],
      ['', undefined, false],
    ]);
    expect(row.clusters).toEqual([{ key: '5', count: 2 }, { key: '6', count: 1 }]);
  });

  it("lists ICC's refinements with the labels their examples got, and every label of the question", () => {
    const row = questionRow(converged);
    expect(row.refinements.map((r) => [r.cluster, r.answer, r.labels.map((l) => `${l.role} ${l.label}`)])).toEqual([
      ['5', '5', []],
      ['6', '5', ['refiner true']],
    ]);
    expect(row.labels.filter((l) => l.role === 'solver').map((l) => l.label)).toEqual([true, true, false, false]);
    expect(row.labels[0]).toMatchObject({ role: 'generator', source: 'generator', label: true });
  });

  it('names the zone and outcome of questions ICC skipped or could not settle, without labels for their samples', () => {
    expect(questionRow(mastery)).toMatchObject({ zone: 'mastery', outcome: 'not in ZPD', refinements: [], consensus: '' });
    expect(questionRow(chaos).samples.every((s) => s.label === undefined)).toBe(true);
    expect(questionRow(diverged)).toMatchObject({ outcome: 'diverged', consensus: '', refinements: [{ answer: '6' }, { answer: '7' }] });
  });

  it('says refused for a question a service refused, and clips long texts', () => {
    const refused = questionRow({ ...chaos, rejected_reason: 'too long', samples: [{ ...chaos.samples[0], text: 'x'.repeat(1000) }] });
    expect(refused.outcome).toBe('refused');
    expect(refused.samples[0].text).toHaveLength(401);
  });
});
