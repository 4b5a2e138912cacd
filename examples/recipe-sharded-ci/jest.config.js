// preset: 'steadfast' reads its options from steadfast.config.json, as the merge commands do.
module.exports = {
  preset: 'steadfast',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.js'],
  // Plain CommonJS: nothing to compile.
  transform: {},
}
