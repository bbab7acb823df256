// How a holder's deadline and validity read as tags: the message key, its
// parameters and the Element Plus tag type (pure, so the page test can check it).
import type { Holder } from '../../api/holders.api';

export interface TagSpec {
  key: string;
  params?: Record<string, number | string>;
  type: 'success' | 'warning' | 'danger' | 'info';
}

export function deadlineTag(h: Holder): TagSpec {
  const a = h.appointment;
  if (a.state === 'appointed') return a.onTime === false ? { key: 'holders.deadline.late', params: { days: a.daysLate ?? 0 }, type: 'warning' } : { key: 'holders.deadline.onTime', type: 'success' };
  if (a.state === 'overdue') return { key: 'holders.deadline.overdue', params: { days: a.daysLate ?? 0 }, type: 'danger' };
  if (a.daysLeft === 0) return { key: 'holders.deadline.dueToday', type: 'warning' };
  return { key: 'holders.deadline.daysLeft', params: { days: a.daysLeft ?? 0 }, type: (a.daysLeft ?? 0) <= 14 ? 'warning' : 'info' };
}

export function validityTag(h: Holder): TagSpec {
  if (!h.validity) return { key: 'holders.validity.unknown', type: 'info' };
  const type = h.validity.validity === 'valid' ? 'success' : h.validity.validity === 'reverts' ? 'warning' : 'danger';
  return { key: `holders.validity.${h.validity.validity}`, type };
}
