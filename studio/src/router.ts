// Routes, each with the roles that may open it (meta.roles; absent = every signed-in
// role). The guard restores the session once, sends strangers to sign in and
// shows a clear page when the role does not allow a route. Pages load lazily so
// the first page stays small; the server still checks every request.
import { createRouter, createWebHistory, type RouteRecordRaw, type Router } from 'vue-router';
import type { Role } from './api/auth.api';
import { onForbidden, onUnauthenticated } from './api/http';
import { useSessionStore } from './stores/session.store';

declare module 'vue-router' {
  interface RouteMeta {
    /** Roles that may open the page; absent = any signed-in user. */
    roles?: Role[];
    /** Reachable without signing in. */
    public?: boolean;
    /** i18n key of the page title. */
    title?: string;
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./pages/login/LoginPage.vue'), meta: { public: true, title: 'login.title' } },
  // Printable explanations sit outside the app layout so that no menu or header is printed.
  { path: '/runs/:id/applicants/:applicantId/print', name: 'run-applicant-print', component: () => import('./pages/runs/PrintExplanationPage.vue'), meta: { title: 'runs.print.title', roles: ['admin', 'committee', 'auditor'] } },
  { path: '/sessions/:id/publicity/print', name: 'publicity-print', component: () => import('./pages/publicity/PublicityPrintPage.vue'), meta: { title: 'nav.sessions', roles: ['admin', 'committee', 'auditor'] } },
  { path: '/evaluations/:id/print', name: 'evaluation-print', component: () => import('./pages/runs/PrintExplanationPage.vue'), meta: { title: 'runs.print.title', roles: ['admin', 'committee', 'auditor'] } },
  {
    path: '/',
    component: () => import('./layouts/AppLayout.vue'),
    children: [
      { path: '', name: 'home', redirect: { name: 'rulesets' } },
      { path: 'rulesets', name: 'rulesets', component: () => import('./pages/rulesets/RulesetListPage.vue'), meta: { title: 'nav.rulesets' } },
      { path: 'rulesets/:id/edit', name: 'ruleset-edit', component: () => import('./pages/editor/RulesetEditorPage.vue'), meta: { title: 'editor.title', roles: ['admin', 'official'] } },
      { path: 'rulesets/:id', name: 'ruleset', component: () => import('./pages/ruleset/RulesetDetailPage.vue'), meta: { title: 'nav.rulesets' } },
      { path: 'inbox', name: 'inbox', component: () => import('./pages/inbox/InboxPage.vue'), meta: { title: 'inbox.title', roles: ['admin', 'official'] } },
      { path: 'approvals', name: 'approvals', component: () => import('./pages/approvals/ApprovalQueuePage.vue'), meta: { title: 'nav.approvals', roles: ['admin'] } },
      { path: 'users', name: 'users', component: () => import('./pages/users/UserListPage.vue'), meta: { title: 'nav.users', roles: ['admin', 'auditor'] } },
      { path: 'audit', name: 'audit', component: () => import('./pages/audit/AuditLogPage.vue'), meta: { title: 'nav.audit', roles: ['admin', 'auditor'] } },
      { path: 'runs', name: 'runs', component: () => import('./pages/runs/RunListPage.vue'), meta: { title: 'nav.runs', roles: ['admin', 'committee', 'auditor'] } },
      { path: 'runs/new', name: 'run-new', component: () => import('./pages/runs/NewRunPage.vue'), meta: { title: 'runs.new.title', roles: ['admin', 'committee'] } },
      { path: 'evaluations', name: 'evaluations', component: () => import('./pages/evaluations/EvaluationListPage.vue'), meta: { title: 'nav.evaluations', roles: ['admin', 'committee', 'auditor'] } },
      { path: 'evaluations/:id', name: 'evaluation', component: () => import('./pages/evaluations/EvaluationDetailPage.vue'), meta: { title: 'nav.evaluations', roles: ['admin', 'committee', 'auditor'] } },
      { path: 'runs/:id', name: 'run', component: () => import('./pages/runs/RunResultsPage.vue'), meta: { title: 'nav.runs', roles: ['admin', 'committee', 'auditor'] } },
      { path: 'sessions', name: 'sessions', component: () => import('./pages/sessions/SessionListPage.vue'), meta: { title: 'nav.sessions', roles: ['admin', 'committee', 'auditor'] } },
      { path: 'sessions/:id', name: 'session', component: () => import('./pages/sessions/SessionPage.vue'), meta: { title: 'nav.sessions', roles: ['admin', 'committee', 'auditor'] } },
      { path: 'quotas', name: 'quotas', component: () => import('./pages/quotas/QuotaPage.vue'), meta: { title: 'nav.quotas', roles: ['admin', 'committee', 'auditor'] } },
      { path: 'experts', name: 'experts', component: () => import('./pages/experts/ExpertPoolPage.vue'), meta: { title: 'nav.experts', roles: ['admin', 'auditor'] } },
      { path: 'holders', name: 'holders', component: () => import('./pages/holders/HolderListPage.vue'), meta: { title: 'nav.holders', roles: ['admin', 'auditor'] } },
      { path: 'calendar', name: 'calendar', component: () => import('./pages/calendar/CalendarPage.vue'), meta: { title: 'nav.calendar' } },
      { path: 'forbidden', name: 'forbidden', component: () => import('./pages/system/ForbiddenPage.vue'), meta: { title: 'common.forbidden' } },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('./pages/system/NotFoundPage.vue'), meta: { title: 'common.notFound' } },
    ],
  },
];

export function createStudioRouter(history = createWebHistory()): Router {
  const router = createRouter({ history, routes });
  router.beforeEach(async (to) => {
    const session = useSessionStore();
    await session.restore();
    if (to.meta.public) return to.name === 'login' && session.signedIn ? { name: 'home' } : true;
    if (!session.signedIn) return { name: 'login', query: { redirect: to.fullPath } };
    const roles = to.matched.flatMap((record) => record.meta.roles ?? []);
    if (roles.length > 0 && !session.hasRole(...roles)) return { name: 'forbidden', query: { from: to.fullPath } };
    return true;
  });
  // The menu and buttons follow the role the server now holds; a page the new role may not open gives way.
  onForbidden(() => {
    const session = useSessionStore();
    if (!session.signedIn) return;
    void session.refresh().then(() => {
      const roles = router.currentRoute.value.matched.flatMap((record) => record.meta.roles ?? []);
      if (roles.length > 0 && !session.hasRole(...roles)) void router.replace({ name: 'forbidden', query: { from: router.currentRoute.value.fullPath } });
    });
  });
  onUnauthenticated(() => {
    const session = useSessionStore();
    if (!session.signedIn) return;
    session.forget();
    void router.push({ name: 'login', query: { redirect: router.currentRoute.value.fullPath } });
  });
  return router;
}
