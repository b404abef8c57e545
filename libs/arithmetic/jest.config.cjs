module.exports = { ...require('../../jest.preset.cjs'), displayName: 'arithmetic', rootDir: __dirname };
