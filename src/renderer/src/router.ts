// Hash routes (the same in Electron's custom protocol and the browser host). Global filters ride along in
// the query (shared/filters.ts, routeQuery.ts), so a copied URL reopens the same view with the same filters.
import { createRouter, createWebHashHistory, type Router, type RouterHistory } from 'vue-router';
import AccountsView from './views/AccountsView.vue';
import CollectView from './views/CollectView.vue';
import ControlView from './views/ControlView.vue';
import FindingView from './views/FindingView.vue';
import NotFoundView from './views/NotFoundView.vue';
import OverviewView from './views/OverviewView.vue';
import PillarView from './views/PillarView.vue';

export function createTriadRouter(history: RouterHistory = createWebHashHistory()): Router {
  return createRouter({
    history,
    routes: [
      { path: '/', name: 'overview', component: OverviewView },
      { path: '/pillar/:pillar', name: 'pillar', component: PillarView },
      { path: '/control/:id', name: 'control', component: ControlView },
      { path: '/finding/:id', name: 'finding', component: FindingView },
      { path: '/accounts', name: 'accounts', component: AccountsView },
      { path: '/collect', name: 'collect', component: CollectView },
      { path: '/diff', name: 'diff', component: () => import('./views/DiffView.vue') },
      { path: '/library', name: 'library', component: () => import('./views/LibraryView.vue') },
      { path: '/report', name: 'report', component: () => import('./views/ReportView.vue') },
      { path: '/review', name: 'review', component: () => import('./views/ReviewView.vue') },
      { path: '/signing', name: 'signing', component: () => import('./views/SigningView.vue') },
      { path: '/:unknown(.*)*', name: 'not-found', component: NotFoundView },
    ],
    scrollBehavior: () => ({ top: 0 }),
  });
}
