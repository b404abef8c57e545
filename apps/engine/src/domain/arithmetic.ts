// The engine's one door to libs/arithmetic (the ground truth every service shares). A relative
// import rather than the @aero/arithmetic alias, for the reason given in corpus/embedded-templates.ts.
// eslint-disable-next-line @nx/enforce-module-boundaries
export { evaluateArithmetic, groundTruthOf } from '../../../../libs/arithmetic/src';
