import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';

// Native and AWS modules stay external in main (loaded from node_modules at run time); the preload is one
// self-contained CommonJS file, because a sandboxed preload can require nothing but a few Electron modules.
export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      // The digest worker is its own entry: a worker thread loads it by file name (src/main/integrity/digest-thread.ts).
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/main/index.ts'), 'digest-worker': resolve(__dirname, 'src/main/integrity/digest-worker.ts') },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
    plugins: [vue()],
  },
});
