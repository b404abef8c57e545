// Shared Jest settings: TypeScript through SWC (fast on 2 cores), tsconfig paths mapped,
// and the ESM-only packages (execa and its helpers) transformed to CommonJS.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  moduleNameMapper[`^${alias}$`] = path.join(__dirname, target);
}

const esmOnly = [
  'execa', '@sindresorhus', 'figures', 'get-stream', 'human-signals', 'is-plain-obj', 'is-stream',
  'npm-run-path', 'pretty-ms', 'parse-ms', 'strip-final-newline', 'unicorn-magic', 'yoctocolors',
  'path-key', 'is-unicode-supported',
];

// unicorn-magic exports only an "import" condition, which Jest's CommonJS resolver never matches.
moduleNameMapper['^unicorn-magic$'] = path.join(__dirname, 'node_modules/unicorn-magic/node.js');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')}|@sec-ant)/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper,
  testMatch: ['**/?(*.)spec.ts'],
};
