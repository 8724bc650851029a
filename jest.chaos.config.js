/** The chaos tests (test/chaos/*.chaos.ts): real processes killed at random; `npm run chaos`, run by .ci/run. */
const base = require('./jest.config');

module.exports = { ...base, testMatch: ['**/test/chaos/**/*.chaos.ts'], testTimeout: 240000 };
