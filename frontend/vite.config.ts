import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

export default defineConfig({
  plugins: [svelte(), svelteTesting()],
  build: {
    // Keep every asset a file: the CSP allows no inline data.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  css: {
    preprocessorOptions: {
      scss: { quietDeps: true },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test-setup.ts'],
    include: ['src/**/*.test.ts'],
  },
});
