// The appointment deadline (四(二)3): N calendar months after the qualification
// document, the day clamped to a shorter month's end; pending up to and including the
// deadline, overdue from the day after; a late appointment says by how many days.
import { describe, expect, it } from 'vitest';
import { addMonths, appointmentDeadline, appointmentStatus } from '../../../server/committee/appointment';
import { chinaToday } from '../../../server/committee/china-date';
import { loadProcessPolicy } from '../../../server/committee/process-policy';

const MONTHS = loadProcessPolicy().policy.appointment.deadlineMonths;

describe('the deadline', () => {
  it('is two months after the document by the shipped process values', () => {
    expect(MONTHS).toBe(2);
    expect(appointmentDeadline('2024-11-20', MONTHS)).toBe('2025-01-20');
  });

  it('clamps to the end of a shorter month, leap years included', () => {
    expect(addMonths('2024-12-31', 2)).toBe('2025-02-28');
    expect(addMonths('2023-12-31', 2)).toBe('2024-02-29');
    expect(addMonths('2024-08-31', 2)).toBe('2024-10-31');
    expect(addMonths('2024-07-31', 2)).toBe('2024-09-30');
    expect(addMonths('2024-11-30', 3)).toBe('2025-02-28');
  });

  it('follows the policy value when an administrator changes it', () => {
    expect(appointmentDeadline('2024-12-31', 3)).toBe('2025-03-31');
    expect(appointmentDeadline('2024-12-31', 1)).toBe('2025-01-31');
  });

  it('refuses a date that does not exist', () => {
    expect(() => addMonths('2025-02-29', 2)).toThrow(/valid YYYY-MM-DD/);
  });
});

describe('the status', () => {
  const holder = { documentDate: '2024-12-31' }; // deadline 2025-02-28

  it('pending until the deadline, with the days left; on the deadline itself 0 days left', () => {
    expect(appointmentStatus(holder, '2025-01-31', MONTHS)).toEqual({ deadline: '2025-02-28', deadlineMonths: 2, state: 'pending', daysLeft: 28 });
    expect(appointmentStatus(holder, '2025-02-28', MONTHS)).toEqual({ deadline: '2025-02-28', deadlineMonths: 2, state: 'pending', daysLeft: 0 });
  });

  it('overdue from the day after the deadline, counting the days', () => {
    expect(appointmentStatus(holder, '2025-03-01', MONTHS)).toEqual({ deadline: '2025-02-28', deadlineMonths: 2, state: 'overdue', daysLate: 1 });
    expect(appointmentStatus(holder, '2025-03-31', MONTHS)).toMatchObject({ state: 'overdue', daysLate: 31 });
  });

  it('appointed on time (on the deadline) or late by so many days, whatever today is', () => {
    expect(appointmentStatus({ ...holder, appointedAt: '2025-02-28' }, '2026-01-01', MONTHS)).toEqual({ deadline: '2025-02-28', deadlineMonths: 2, state: 'appointed', onTime: true });
    expect(appointmentStatus({ ...holder, appointedAt: '2025-01-10' }, '2025-01-11', MONTHS)).toMatchObject({ state: 'appointed', onTime: true });
    expect(appointmentStatus({ ...holder, appointedAt: '2025-03-10' }, '2025-03-11', MONTHS)).toEqual({ deadline: '2025-02-28', deadlineMonths: 2, state: 'appointed', onTime: false, daysLate: 10 });
  });
});

describe('today in China', () => {
  it('is the Asia/Shanghai date of the server clock (UTC+8)', () => {
    expect(chinaToday('2025-02-28T15:59:59.000Z')).toBe('2025-02-28');
    expect(chinaToday('2025-02-28T16:00:00.000Z')).toBe('2025-03-01');
  });
});
