/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/examples'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', {}] },
  moduleNameMapper: {
    '^berth$': '<rootDir>/index.ts',
    '^berth/testing$': '<rootDir>/testing.ts',
    '^berth/imports$': '<rootDir>/imports.ts',
    '^@guestbook/redis$': '<rootDir>/examples/redis/index.ts',
  },
  testTimeout: 60000,
};
