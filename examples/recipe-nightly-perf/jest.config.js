// preset: 'steadfast' registers toBeFasterThan and writes the perf reports at the end of the run.
module.exports = {
  preset: 'steadfast',
  testEnvironment: 'node',
  // Plain CommonJS: nothing to compile.
  transform: {},
}
