import { CONFIDENCE_LABEL, STATUS_LABEL, type Confidence, type StandardStatus } from '../../../common/catalogue';

export function ConfidenceBadge({ confidence }: { confidence: Confidence }) {
  return (
    <span className={`badge badge-${confidence}`} title={confidence === 'verified' ? 'Gezien in een openbare bron' : 'Aannemelijk, nog niet in een openbare bron gezien'}>
      {CONFIDENCE_LABEL[confidence]}
    </span>
  );
}

export function StatusBadge({ status, retired }: { status: StandardStatus; retired?: boolean }) {
  if (retired) return <span className="badge badge-retired">Teruggetrokken</span>;
  return <span className={`badge badge-status-${status}`}>{STATUS_LABEL[status]}</span>;
}
