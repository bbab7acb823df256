// The audit log page by page: newest first, filtered by action (exact or prefix),
// actor, target and date; reading a page adds no entry (an export does).
import { describe, expect, it } from 'vitest';
import { AT, setup } from './helpers';

describe('GET /audit/entries', () => {
  it('pages newest first and filters; reading leaves the log as it was', async () => {
    const { agents, store } = await setup({ seed: true });
    const auditor = agents.auditor!;
    const head = store.audit.head().seq;
    const first = await auditor.get('/api/v1/audit/entries?limit=5');
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(head);
    expect(first.body.entries.map((e: { seq: number }) => e.seq)).toEqual([head, head - 1, head - 2, head - 3, head - 4]);
    expect(first.body.head).toEqual(store.audit.head());
    const second = await auditor.get('/api/v1/audit/entries?limit=5&offset=5');
    expect(second.body.entries[0].seq).toBe(head - 5);
    expect(store.audit.head().seq).toBe(head);

    const created = await auditor.get('/api/v1/audit/entries?action=user.create&limit=1000');
    expect(created.body.total).toBeGreaterThan(0);
    expect(created.body.entries.every((e: { action: string }) => e.action === 'user.create')).toBe(true);
    const rulesetActions = await auditor.get('/api/v1/audit/entries?action=ruleset.&target=teacher-deputy-senior&limit=1000');
    expect(rulesetActions.body.total).toBeGreaterThan(0);
    expect(rulesetActions.body.entries.every((e: { action: string; target: string }) => e.action.startsWith('ruleset.') && e.target.includes('teacher-deputy-senior'))).toBe(true);
    const bySystem = await auditor.get('/api/v1/audit/entries?actor=system:seed&limit=1000');
    expect(bySystem.body.entries.every((e: { actor: string }) => e.actor === 'system:seed')).toBe(true);
    const day = AT.slice(0, 10);
    expect((await auditor.get(`/api/v1/audit/entries?from=${day}&to=${day}`)).body.total).toBe(head);
    expect((await auditor.get('/api/v1/audit/entries?to=2000-01-01')).body.total).toBe(0);

    const bad = await auditor.get('/api/v1/audit/entries?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details.issues[0]).toMatchObject({ in: 'query', pointer: '/limit' });
  });
});
