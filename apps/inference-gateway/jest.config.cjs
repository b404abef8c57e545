module.exports = { ...require('../../jest.preset.cjs'), displayName: 'inference-gateway', rootDir: __dirname };
