const dateTime = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short' });

export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso));

/** Dutch names of audit actions. */
export const AUDIT_ACTION_LABEL: Record<string, string> = {
  aangemaakt: 'Aangemaakt',
  gewijzigd: 'Gewijzigd',
  teruggetrokken: 'Teruggetrokken',
  teruggezet: 'Teruggezet in de catalogus',
  'bijgewerkt-uit-catalogus': 'Bijgewerkt uit de KBL-catalogus',
};
