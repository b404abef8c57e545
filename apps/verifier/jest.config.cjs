module.exports = { ...require('../../jest.preset.cjs'), displayName: 'verifier', rootDir: __dirname };
