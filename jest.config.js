/** Unit tests (test/unit, test/sandbox) run in seconds; test/e2e drives a real n8n and is its own project. */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] };
const ignored = ['<rootDir>/dist', '<rootDir>/.e2e-work'];
module.exports = {
	projects: [
		{
			displayName: 'unit',
			modulePathIgnorePatterns: ignored,
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/sandbox/**/*.test.js'],
		},
		{
			displayName: 'e2e',
			modulePathIgnorePatterns: ignored,
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.js'],
			globalSetup: '<rootDir>/test/e2e/globalSetup.js',
			setupFilesAfterEnv: ['<rootDir>/test/e2e/stopServers.js'],
		},
	],
};
