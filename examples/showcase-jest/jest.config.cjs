module.exports = {
  testEnvironment: 'node',
  transform: {},
  setupFilesAfterEnv: ['@steadfast/rejections/jest'],
  reporters: ['default', '@steadfast/rejections/jest-reporter'],
}
