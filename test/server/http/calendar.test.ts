// /calendar: everyone reads the calendar in force and counts working days with it;
// administrators add a year, replace a shipped one and drop theirs (the shipped year
// comes back); a bad year is refused with the row at fault; every change audited.
import { beforeEach, describe, expect, it } from 'vitest';
import { documented } from './documented';
import { setup, type Agents } from './helpers';

let agents: Agents;
let conforms: Awaited<ReturnType<typeof documented>>;
beforeEach(async () => {
  const ctx = await setup();
  agents = ctx.agents;
  conforms = await documented(ctx.app);
});

describe('GET /calendar and /calendar/workdays', () => {
  it('shows the shipped years with their days and source to every role', async () => {
    const res = conforms('get', '/calendar', await agents['health-official']!.get('/api/v1/calendar'));
    expect(res.status).toBe(200);
    expect(res.body.covered).toEqual([2024, 2025, 2026]);
    expect(res.body.publicityWorkingDays).toBe(5);
    const y2026 = res.body.years.find((y: { year: number }) => y.year === 2026);
    expect(y2026).toMatchObject({ origin: 'shipped', replacesShipped: false });
    expect(y2026.days).toContainEqual({ date: '2026-10-10', kind: 'workday', name: '国庆节调休上班' });
    expect(y2026.days).toContainEqual({ date: '2026-05-27', kind: 'holiday', name: '古尔邦节' });
  });

  it('counts: from 2026-09-30, 5 working days → 2026-10-12 with the days counted and skipped', async () => {
    const res = conforms('get', '/calendar/workdays', await agents['health-committee']!.get('/api/v1/calendar/workdays?from=2026-09-30&days=5'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: '2026-09-30', days: 5, date: '2026-10-12', counted: ['2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12'] });
    expect(res.body.skipped).toContainEqual({ date: '2026-10-01', reason: 'holiday', name: '国庆节' });
    // days defaults to the policy's publicity days
    expect((await agents.auditor!.get('/api/v1/calendar/workdays?from=2026-09-30')).body.date).toBe('2026-10-12');
  });

  it('refuses an uncovered year (CALENDAR_NOT_COVERED) and bad parameters (VALIDATION_FAILED)', async () => {
    const res = conforms('get', '/calendar/workdays', await agents.admin!.get('/api/v1/calendar/workdays?from=2026-12-29&days=5'));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'CALENDAR_NOT_COVERED', details: { year: 2027 } });
    for (const q of ['from=2026-09-30&days=0', 'from=2026-09-30&days=1001', 'from=2026-9-30&days=5', 'days=5', 'from=2026-09-30&days=5&x=1']) {
      expect((await agents.admin!.get(`/api/v1/calendar/workdays?${q}`)).body.code, q).toBe('VALIDATION_FAILED');
    }
    // A well-formed but impossible date gets past the schema; the calendar refuses it.
    const impossible = await agents.admin!.get('/api/v1/calendar/workdays?from=2026-02-30&days=5');
    expect(impossible.status).toBe(400);
    expect(impossible.body).toMatchObject({ code: 'INVALID_ARGUMENT', details: { from: '2026-02-30' } });
  });
});

describe('PUT and DELETE /calendar/years/{year}', () => {
  it('an administrator adds 2027, replaces 2026, drops both again; audited', async () => {
    const added = conforms('put', '/calendar/years/{year}', await agents.admin!.put('/api/v1/calendar/years/2027').send({ source: ' 国务院办公厅关于 2027 年部分节假日安排的通知 ', days: [{ date: '2027-01-02', kind: 'holiday', name: '元旦' }, { date: '2027-01-01', kind: 'holiday', name: '元旦' }] }));
    expect(added.status).toBe(200);
    expect(added.body.year).toMatchObject({ year: 2027, origin: 'admin', replacesShipped: false, updatedBy: 'admin', source: '国务院办公厅关于 2027 年部分节假日安排的通知' });
    expect(added.body.year.days.map((d: { date: string }) => d.date)).toEqual(['2027-01-01', '2027-01-02']);
    expect((await agents.admin!.get('/api/v1/calendar/workdays?from=2026-12-29&days=5')).body.date).toBe('2027-01-05');

    const replaced = await agents.admin!.put('/api/v1/calendar/years/2026').send({ source: '管理员更正', days: [{ date: '2026-01-01', kind: 'holiday', name: '元旦' }] });
    expect(replaced.body.year).toMatchObject({ origin: 'admin', replacesShipped: true });
    expect((await agents.admin!.get('/api/v1/calendar/workdays?from=2026-10-01&days=1')).body.date).toBe('2026-10-01');

    const dropped = conforms('delete', '/calendar/years/{year}', await agents.admin!.delete('/api/v1/calendar/years/2026'));
    expect(dropped.body.year).toMatchObject({ year: 2026, origin: 'shipped' });
    expect((await agents.admin!.get('/api/v1/calendar/workdays?from=2026-10-01&days=1')).body.date).toBe('2026-10-08');
    expect((await agents.admin!.delete('/api/v1/calendar/years/2027')).body.year).toBeNull();

    const missing = conforms('delete', '/calendar/years/{year}', await agents.admin!.delete('/api/v1/calendar/years/2026'));
    expect(missing.status).toBe(404);
    expect(missing.body.details).toMatchObject({ shipped: true });

    const audit = await agents.auditor!.get('/api/v1/audit/entries?action=calendar.');
    expect(audit.body.entries.map((e: { action: string; target: string }) => `${e.action} ${e.target}`)).toEqual(['calendar.remove calendar:2027', 'calendar.remove calendar:2026', 'calendar.put calendar:2026', 'calendar.put calendar:2027']);
  });

  it('a bad year is refused naming the date and why; nothing stored', async () => {
    const res = conforms('put', '/calendar/years/{year}', await agents.admin!.put('/api/v1/calendar/years/2027').send({ source: 's', days: [{ date: '2027-01-04', kind: 'workday', name: '调休' }, { date: '2028-01-01', kind: 'holiday', name: '元旦' }] }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.issues).toEqual([
      expect.objectContaining({ pointer: '/days/0/kind', keyword: 'WORKDAY_ON_WEEKDAY', date: '2027-01-04' }),
      expect.objectContaining({ pointer: '/days/1/date', keyword: 'DATE_OUTSIDE_YEAR', date: '2028-01-01' }),
    ]);
    expect(res.body.details.text.zh).toContain('星期一');
    expect((await agents.admin!.put('/api/v1/calendar/years/2027').send({ source: 's', days: [{ date: '2027-01-01', kind: 'off', name: 'x' }] })).body.code).toBe('VALIDATION_FAILED');
    expect((await agents.admin!.get('/api/v1/calendar')).body.covered).toEqual([2024, 2025, 2026]);
  });
});
