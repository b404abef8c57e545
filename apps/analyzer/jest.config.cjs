module.exports = { ...require('../../jest.preset.cjs'), displayName: 'analyzer', rootDir: __dirname };
