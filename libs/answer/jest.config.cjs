module.exports = { ...require('../../jest.preset.cjs'), displayName: 'answer', rootDir: __dirname };
