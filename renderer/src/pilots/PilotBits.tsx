import { CLASSIFICATION_LABEL, type Classification, type PilotProgress, type PilotVersion } from '../../../common/pilots';

/** "8 van 12 rijen besloten · 3 voorstellen open": what a working group asks first. */
export function ProgressText({ progress }: { progress: PilotProgress }) {
  const accepted = progress.rows - progress.proposed;
  if (progress.rows === 0) return <span className="muted">Nog geen uitlijning</span>;
  return (
    <span className="progress-text">
      {progress.decided} van {accepted} {accepted === 1 ? 'rij' : 'rijen'} besloten
      {progress.proposed > 0 && <span className="muted"> · {progress.proposed} {progress.proposed === 1 ? 'voorstel' : 'voorstellen'} open</span>}
    </span>
  );
}

/** A version as a column title: the standard's short name and the version label. */
export function versionTitle(v: Pick<PilotVersion, 'standardShortTitle' | 'standardTitle' | 'label'>): string {
  return `${v.standardShortTitle ?? v.standardTitle} · ${v.label}`;
}

export function ClassificationBadge({ value }: { value: Classification | null }) {
  if (!value) return <span className="badge class-none">Niet ingedeeld</span>;
  return <span className={`badge class-${value}`}>{CLASSIFICATION_LABEL[value]}</span>;
}

export const percent = (x: number | null): string => (x === null ? '' : `${Math.round(x * 100)}%`);

/** "4.2 Medicatie", without repeating a number the heading already starts with ("Aanbeveling 1"). */
export function SectionLabel({ number, heading }: { number: string | null; heading: string }) {
  const showNumber = number && !heading.toLowerCase().startsWith(number.toLowerCase());
  return (
    <>
      {showNumber && <span className="section-number">{number}</span>} {heading || '(zonder kop)'}
    </>
  );
}
