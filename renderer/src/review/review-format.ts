import type { RoundStatus } from '../../../common/review';

const longDate = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "1 mei 2026" for a YYYY-MM-DD date. */
export const formatDay = (date: string): string => longDate.format(new Date(`${date}T00:00:00Z`));

/** "1 mei 2026 (nog 12 dagen)", "… (verlopen)", or "geen" — how far a round's deadline is. */
export function deadlineText(deadline: string | null, status: RoundStatus): string {
  if (!deadline) return 'geen';
  if (status === 'gesloten') return formatDay(deadline);
  const today = new Date().toISOString().slice(0, 10);
  const days = Math.round((Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (days < 0) return `${formatDay(deadline)} (verlopen)`;
  if (days === 0) return `${formatDay(deadline)} (vandaag)`;
  return `${formatDay(deadline)} (nog ${days} ${days === 1 ? 'dag' : 'dagen'})`;
}
