import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';

// Native and AWS modules stay external in main (loaded from node_modules at run time); the preload is one
// self-contained CommonJS file, because a sandboxed preload can require nothing but a few Electron modules.
// The CLI is an entry of the main build too: `npm run triad` runs it when the build is fresh (scripts/triad.mjs).
export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      // The worker entries are entries of their own: a worker thread loads one by file name, beside the module that
      // starts it (src/main/worker-thread.ts). So shared chunks go beside the entries too, not in a subfolder.
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/main/cli/index.ts'),
          'digest-worker': resolve(__dirname, 'src/main/integrity/digest-worker.ts'),
          'index-worker': resolve(__dirname, 'src/main/snapshot/index-worker.ts'),
          'row-worker': resolve(__dirname, 'src/main/snapshot/row-worker.ts'),
          'csv-part-worker': resolve(__dirname, 'src/main/export/csv-part-worker.ts'),
        },
        output: { chunkFileNames: '[name]-[hash].js' },
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
