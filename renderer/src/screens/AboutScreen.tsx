import { useEffect, useState } from 'react';
import { call } from '../api-client';
import { useLoad } from '../use-api';
import { StatusMessage } from '../components/StatusMessage';

export function AboutScreen() {
  const info = useLoad(() => call('app.info'), []);
  const settings = useLoad(() => call('settings.get'), []);
  const [name, setName] = useState('');
  const [limit, setLimit] = useState('');
  const [limitMessage, setLimitMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  useEffect(() => {
    if (settings.data) setLimit(String(settings.data.importLimitMegabytes));
  }, [settings.data]);
  const saveLimit = async () => {
    try {
      const next = await call('settings.setImportLimit', { megabytes: Number(limit) });
      setLimitMessage({ kind: 'ok', text: `Bestanden tot ${next.importLimitMegabytes} MB kunnen worden geïmporteerd.` });
    } catch (e) {
      setLimitMessage({ kind: 'error', text: (e as Error).message });
    }
  };
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
      <h1>Over Richtsnoer en instellingen</h1>
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
      <StatusMessage message={message} />
      <h2>Importeren</h2>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void saveLimit();
        }}
      >
        <label className="field">
          Grootste bestand dat mag worden geïmporteerd (MB)
          <input type="number" min={1} max={1000} value={limit} onChange={(e) => setLimit(e.target.value)} />
        </label>
        <button type="submit" className="button primary">
          Opslaan
        </button>
      </form>
      <StatusMessage message={limitMessage} />
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
