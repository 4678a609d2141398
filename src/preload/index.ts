// The whole bridge: one typed invoke/on pair over two fixed channels. It runs sandboxed, so this file and
// what it imports are bundled into one CommonJS file that requires nothing but 'electron'.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type ApiResponse, type PreloadBridge } from '../shared/ipc';

const bridge: PreloadBridge = {
  invoke: (method, params) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, params) as Promise<ApiResponse<unknown>>,
  on(event, listener) {
    // The Electron event object never reaches the page.
    const relay = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, relay);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, relay);
  },
  pathForFile: (file) => webUtils.getPathForFile(file),
};

contextBridge.exposeInMainWorld('triad', bridge);
