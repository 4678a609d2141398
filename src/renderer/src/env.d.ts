/// <reference types="vite/client" />
import type { PreloadBridge } from '../../shared/ipc';

declare global {
  interface Window {
    /** Present only inside the Electron app (exposed by the sandboxed preload). */
    triad?: PreloadBridge;
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
