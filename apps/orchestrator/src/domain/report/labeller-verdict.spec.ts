import { labellerVerdict } from './labeller-verdict';

describe('labellerVerdict', () => {
  it('names the labeller that won more rounds, with the rounds and the accuracy of each over all judged questions', () => {
    expect(
      labellerVerdict([
        { iccAccuracy: 0.9, majorityAccuracy: 0.8, judged: 10 },
        { iccAccuracy: 0.5, majorityAccuracy: 0.6, judged: 30 },
        { iccAccuracy: 0.7, majorityAccuracy: 0.6, judged: 10 },
        { iccAccuracy: undefined, majorityAccuracy: undefined, judged: 0 },
      ], 'icc'),
    ).toBe("ICC won: its consensus was right more often than the majority vote in 2 of 3 rounds (the majority vote in 1); over the 50 judged questions, ICC's consensus was right 62.0% of the time and the majority vote 64.0%.");
  });

  it('decides a tie in rounds by the accuracy over all judged questions, and says when nothing decides', () => {
    expect(labellerVerdict([{ iccAccuracy: 0.5, majorityAccuracy: 0.5, judged: 4 }, { iccAccuracy: 0.5, majorityAccuracy: 0.75, judged: 4 }, { iccAccuracy: 0.5, majorityAccuracy: 0.25, judged: 2 }], 'icc'))
      .toMatch(/^The majority vote won: it was right more often than ICC's consensus in 1 of 3 rounds \(ICC in 1, 1 tied\); .* ICC's consensus was right 50.0% of the time and the majority vote 55.0%\.$/);
    expect(labellerVerdict([{ iccAccuracy: 0.5, majorityAccuracy: 0.5, judged: 4 }], 'icc')).toMatch(/^Neither labeller won: each was right more often in 0 of 1 round, 1 tied;/);
  });

  it('says so when no round can be compared', () => {
    expect(labellerVerdict([{ iccAccuracy: undefined, majorityAccuracy: undefined, judged: 0 }], 'icc')).toBe(
      'No round has a converged question with a known answer, so ICC and the majority vote cannot be compared.',
    );
  });

  it('names the ablation that labelled the run instead of comparing ICC with itself', () => {
    const rounds = [
      { iccAccuracy: 1, majorityAccuracy: 0.5, judged: 10 },
      { iccAccuracy: 1, majorityAccuracy: 0.75, judged: 30 },
    ];
    expect(labellerVerdict(rounds, 'oracle')).toBe(
      'The labeller was the oracle (an ablation): every labelled question got its known answer and ICC did not run; over the 40 judged questions, the majority vote was right 68.8% of the time.',
    );
    expect(labellerVerdict([{ iccAccuracy: undefined, majorityAccuracy: undefined, judged: 0 }], 'majority')).toBe('The labeller was the majority vote (an ablation): ICC did not run.');
  });

  it('says that ICC ran but known answers labelled an icc_oracle run, then compares ICC with the majority vote', () => {
    const rounds = [
      { iccAccuracy: 0.84, majorityAccuracy: 0.91, judged: 100 },
      { iccAccuracy: 0.86, majorityAccuracy: 0.86, judged: 100 },
    ];
    expect(labellerVerdict(rounds, 'icc_oracle')).toBe(
      'The labeller was icc_oracle (a diagnostic): ICC chose the questions to label and their known answers labelled them. The majority vote won: it was right more often than ICC\'s consensus in 1 of 2 rounds (ICC in 0, 1 tied); over the 200 judged questions, ICC\'s consensus was right 85.0% of the time and the majority vote 88.5%.',
    );
  });
});
