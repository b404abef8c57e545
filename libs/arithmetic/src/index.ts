export { parseArithmetic, MAX_EXPRESSION_LENGTH, type ArithmeticNode, type ArithmeticOp } from './parse-arithmetic';
export { evaluateArithmetic } from './evaluate-arithmetic';
export { groundTruthOf } from './ground-truth-of';
export { problemSizeOf } from './problem-size-of';
