import { useEffect, useRef, useState } from 'react';
import type { Pilot } from '../../../common/pilots';
import {
  DEFAULT_REPORT_SECTIONS,
  REPORT_AUDIENCE_HINT,
  REPORT_AUDIENCE_LABEL,
  REPORT_AUDIENCES,
  REPORT_SECTION_LABEL,
  REPORT_SECTIONS,
  type ReportAudience,
  type ReportSectionId,
} from '../../../common/report';
import { REPORT_CSS } from '../../../common/report-style';
import { call } from '../api-client';
import { ErrorText } from '../components/StatusMessage';
import { downloadBase64, downloadText } from '../files';
import { useLoad } from '../use-api';

type Preview = { html: string; chapters: Array<{ id: ReportSectionId; title: string }>; omitted: Array<{ id: ReportSectionId; reason: string }> };

/** Waits this long after the last change before asking for a new preview. */
const PREVIEW_DELAY_MS = 250;

/**
 * The report's HTML in a frame that can run nothing (no allow-scripts). allow-same-origin lets
 * this page apply the report's stylesheet as a constructed stylesheet (the app's CSP, which the
 * frame inherits, allows no inline <style>) and print the frame; allow-modals is what print needs.
 */
function PreviewFrame({ html, frameRef }: { html: string; frameRef: React.RefObject<HTMLIFrameElement | null> }) {
  const styleIt = () => {
    const frame = frameRef.current;
    const doc = frame?.contentDocument;
    const view = frame?.contentWindow as (Window & { CSSStyleSheet: typeof CSSStyleSheet }) | null | undefined;
    if (!doc || !view) return;
    const sheet = new view.CSSStyleSheet();
    sheet.replaceSync(REPORT_CSS);
    doc.adoptedStyleSheets = [sheet];
  };
  return <iframe ref={frameRef} className="report-preview-frame" title="Voorbeeld van het rapport" sandbox="allow-same-origin allow-modals" srcDoc={html} onLoad={styleIt} />;
}

/** "Rapport": choose the audience, the chapters and the tags, see the report, export it. */
export function ReportTab({ pilot }: { pilot: Pilot }) {
  const options = useLoad(() => call('reports.options', { pilotId: pilot.id }), [pilot.id]);
  const [audience, setAudience] = useState<ReportAudience>('werkgroep');
  const [sections, setSections] = useState<ReportSectionId[]>([...DEFAULT_REPORT_SECTIONS.werkgroep]);
  const [tagIds, setTagIds] = useState<number[]>([]);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const frame = useRef<HTMLIFrameElement | null>(null);

  const args = { pilotId: pilot.id, audience, sections, tagIds };
  const key = JSON.stringify(args);

  useEffect(() => {
    if (sections.length === 0) {
      setPreview(null);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      call('reports.preview', args).then(
        (p) => {
          if (cancelled) return;
          setPreview(p);
          setPreviewError(null);
        },
        (e: unknown) => !cancelled && setPreviewError((e as Error).message),
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, pilot.updatedAt]);

  const chooseAudience = (a: ReportAudience) => {
    setAudience(a);
    setSections([...DEFAULT_REPORT_SECTIONS[a]]);
  };
  const toggleSection = (id: ReportSectionId, on: boolean) => setSections((s) => REPORT_SECTIONS.filter((x) => (x === id ? on : s.includes(x))));
  const toggleTag = (id: number, on: boolean) => setTagIds((t) => (on ? [...t, id] : t.filter((x) => x !== id)));

  const exportAs = async (format: 'docx' | 'html' | 'md' | 'pdf') => {
    setBusy(format);
    setMessage(null);
    try {
      const file = await call('reports.export', { ...args, format });
      if ('contentBase64' in file) downloadBase64(file);
      else downloadText(file);
      setMessage({ kind: 'ok', text: `${file.fileName} is klaargezet om op te slaan.` });
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    } finally {
      setBusy(null);
    }
  };
  const print = () => {
    const view = frame.current?.contentWindow;
    if (!view) return;
    view.focus();
    view.print();
  };

  const pdfHere = options.data?.pdf === true;
  const tags = options.data?.tags ?? [];
  const none = sections.length === 0;

  return (
    <div className="report-tab">
      <aside className="report-options panel-section" aria-label="Instellingen van het rapport">
        <div className="report-actions" role="group" aria-label="Rapport exporteren">
          <button type="button" className="button primary" disabled={none || busy !== null} onClick={() => void exportAs('docx')}>
            Word
          </button>
          <button type="button" className="button" disabled={none || busy !== null} onClick={() => void exportAs('html')}>
            HTML
          </button>
          <button type="button" className="button" disabled={none || busy !== null} onClick={() => void exportAs('md')}>
            Markdown
          </button>
          {pdfHere ? (
            <>
              <button type="button" className="button" disabled={none || busy !== null} onClick={() => void exportAs('pdf')}>
                PDF
              </button>
              <button type="button" className="button" disabled={none || !preview} onClick={print}>
                Afdrukken
              </button>
            </>
          ) : (
            <button type="button" className="button" disabled={none || !preview} onClick={print} title="Kies in het afdrukvenster 'Opslaan als PDF' voor een PDF.">
              Afdrukken of PDF
            </button>
          )}
        </div>
        {busy && <p className="muted small" role="status">Het rapport wordt gemaakt…</p>}
        {message && (
          <p className={message.kind === 'ok' ? 'notice small' : 'error small'} role={message.kind === 'ok' ? 'status' : 'alert'}>
            {message.text}
          </p>
        )}
        <fieldset className="field">
          <legend>Voor wie</legend>
          {REPORT_AUDIENCES.map((a) => (
            <label key={a} className="checkbox">
              <input type="radio" name="rapport-publiek" checked={audience === a} onChange={() => chooseAudience(a)} />
              <span>
                {REPORT_AUDIENCE_LABEL[a]}
                <span className="muted small report-hint">{REPORT_AUDIENCE_HINT[a]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset className="field">
          <legend>Onderdelen</legend>
          <p className="muted small">Titelpagina en colofon staan er altijd in.</p>
          {REPORT_SECTIONS.map((id) => (
            <label key={id} className="checkbox">
              <input type="checkbox" checked={sections.includes(id)} onChange={(e) => toggleSection(id, e.target.checked)} />
              {id === 'auditlog' ? `Bijlage: ${REPORT_SECTION_LABEL[id].toLowerCase()}` : REPORT_SECTION_LABEL[id]}
            </label>
          ))}
        </fieldset>
        <fieldset className="field" disabled={!sections.includes('passages')}>
          <legend>Tags voor de getagde passages</legend>
          {options.error && <ErrorText error={options.error} />}
          {tags.length === 0 ? (
            <p className="muted small">In de versies van deze pilot zijn nog geen passages getagd.</p>
          ) : (
            tags.map((t) => (
              <label key={t.id} className="checkbox">
                <input type="checkbox" checked={tagIds.includes(t.id)} onChange={(e) => toggleTag(t.id, e.target.checked)} />
                <span className="swatch" aria-hidden="true" style={{ background: t.color }} />
                <span title={t.path}>{t.name}</span> <span className="muted small">({t.count})</span>
              </label>
            ))
          )}
        </fieldset>
      </aside>
      <section className="report-preview" aria-label="Voorbeeld">
        {none && <p className="notice">Kies minstens één onderdeel.</p>}
        <ErrorText error={previewError} />
        {preview && preview.omitted.length > 0 && (
          <div className="report-omitted small">
            <strong>Niet opgenomen:</strong>
            <ul>
              {preview.omitted.map((o) => (
                <li key={o.id}>
                  {REPORT_SECTION_LABEL[o.id]}: {o.reason}
                </li>
              ))}
            </ul>
          </div>
        )}
        {!none && preview && <PreviewFrame html={preview.html} frameRef={frame} />}
        {!none && !preview && !previewError && <p className="loading">Voorbeeld laden…</p>}
      </section>
    </div>
  );
}
