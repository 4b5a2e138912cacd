// One line turns the whole suite on: options, if any, go in steadfast.config.json.
module.exports = {
  preset: 'steadfast',
  testEnvironment: 'node',
  transform: {},
}
