/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', {}] },
  moduleNameMapper: {
    '^berth$': '<rootDir>/index.ts',
    '^berth/testing$': '<rootDir>/testing.ts',
  },
  testTimeout: 60000,
};
