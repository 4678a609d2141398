// A real app context for store tests: Pinia, a router over memory history, and the fake API installed.
import { createPinia, setActivePinia } from 'pinia';
import { createApp } from 'vue';
import { createMemoryHistory } from 'vue-router';
import type { ApiClient } from '../../../src/shared/api';
import { setApiClient } from '../../../src/renderer/src/api';
import { createTriadRouter } from '../../../src/renderer/src/router';

export async function setupApp(api: ApiClient, path = '/') {
  setApiClient(api);
  const pinia = createPinia();
  const router = createTriadRouter(createMemoryHistory());
  const app = createApp({ render: () => null });
  app.use(pinia).use(router);
  setActivePinia(pinia);
  await router.push(path);
  await router.isReady();
  return { app, pinia, router };
}
