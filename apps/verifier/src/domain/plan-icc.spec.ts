import { IccOutcome, QuestionStatus } from '@aero/contracts';
import { iccFixture } from '../testing/icc-fixture';
import { planIcc } from './plan-icc';

describe('planIcc', () => {
  it.each([QuestionStatus.QUESTION_STATUS_MASTERY, QuestionStatus.QUESTION_STATUS_CHAOS])('skips a question in status %p', (status) => {
    const { analysis } = iccFixture({ groups: [['19', 10], ['18', 3], ['20', 3]], status });
    expect(planIcc(analysis)).toEqual({ kind: 'skip', outcome: IccOutcome.ICC_OUTCOME_SKIPPED_NOT_ZPD });
  });

  it('skips a ZPD question with a single cluster', () => {
    const { analysis } = iccFixture({ groups: [['19', 6]], failures: 10 });
    expect(planIcc(analysis)).toEqual({ kind: 'skip', outcome: IccOutcome.ICC_OUTCOME_SKIPPED_ONE_CLUSTER });
  });

  it('takes the two largest clusters, equal counts in the order given', () => {
    const { analysis } = iccFixture({ groups: [['20', 3], ['19', 10], ['18', 3]] });
    const plan = planIcc(analysis);
    expect(plan.kind === 'refine' && [plan.c1.key, plan.c2.key]).toEqual(['19', '20']);
  });
});
