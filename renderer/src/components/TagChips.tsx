import type { TagRef } from '../../../common/tags';

/** The tags of an annotation or passage, each with its colour. */
export function TagChips({ tags }: { tags: TagRef[] }) {
  return (
    <p className="tag-chips">
      {tags.map((t) => (
        <span key={t.id} className="tag-chip static">
          <span className="swatch" style={{ backgroundColor: t.color }} />
          {t.path}
        </span>
      ))}
    </p>
  );
}
