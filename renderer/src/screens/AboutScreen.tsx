import { useEffect, useState } from 'react';
import { call } from '../api-client';
import { useLoad } from '../use-api';

export function AboutScreen() {
  const info = useLoad(() => call('app.info'), []);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  useEffect(() => {
    if (info.data) setName(info.data.userName === 'gebruiker' ? '' : info.data.userName);
  }, [info.data]);
  if (!info.data) return <p className="loading">{info.error ?? 'Laden…'}</p>;
  const save = async () => {
    try {
      await call('settings.setUserName', { name });
      setMessage({ kind: 'ok', text: 'Opgeslagen. Nieuwe wijzigingen staan op jouw naam in de geschiedenis.' });
      info.reload();
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  };
  return (
    <div className="screen">
      <h1>Over Richtsnoer</h1>
      <p>Richtsnoer is de werkplaats van het programma Kwaliteit en Blijvend Leren voor het harmoniseren van kwaliteitsstandaarden in de jeugdsector.</p>
      <dl className="fields">
        <dt>Versie</dt>
        <dd>{info.data.version}</dd>
        <dt>Modus</dt>
        <dd>{info.data.mode === 'electron' ? 'Desktop-app' : 'Browsermodus (alleen op deze computer)'}</dd>
        <dt>Werkruimte</dt>
        <dd>
          <code>{info.data.workspacePath}</code>
        </dd>
        <dt>Schemaversie</dt>
        <dd>{info.data.schemaVersion}</dd>
      </dl>
      <h2>Jouw naam</h2>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label className="field">
          Naam (staat bij je wijzigingen in de geschiedenis)
          <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" />
        </label>
        <button type="submit" className="button primary">
          Opslaan
        </button>
      </form>
      {message && (
        <p className={message.kind === 'ok' ? 'notice' : 'error'} role={message.kind === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <h2>Sneltoetsen</h2>
      <ul>
        <li>
          <kbd>Ctrl</kbd>+<kbd>K</kbd>: opdrachtenpalet (ga naar een scherm of standaard)
        </li>
        <li>
          <kbd>/</kbd>: naar het zoekveld van de catalogus
        </li>
        <li>In het zoekveld: <kbd>Enter</kbd> opent het eerste resultaat, <kbd>↓</kbd> gaat naar de lijst, <kbd>Esc</kbd> wist</li>
      </ul>
    </div>
  );
}
