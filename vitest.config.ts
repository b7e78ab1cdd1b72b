import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The end-to-end tests spawn the built binary; give them room on a 2-core CI machine.
    testTimeout: 20_000,
    pool: 'forks',
    // The SDK's notice about Node 20's end of support would otherwise repeat in every test file.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
