/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The Go side embeds frontend/dist (see main.go), so the build goes there.
export default defineConfig({
  plugins: [svelte()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // The setup file replaces the generated Wails bindings with mocks: they call
    // window.go, which only exists inside the Wails webview.
    setupFiles: ['src/test/setup.ts'],
    mockReset: true,
  },
});
