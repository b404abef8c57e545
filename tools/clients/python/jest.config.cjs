module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'python-client', rootDir: __dirname };
