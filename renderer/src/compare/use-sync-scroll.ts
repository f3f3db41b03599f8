import { useCallback, useEffect, useRef } from 'react';

/** Where on the screen the columns line up: a reading line a third down each column. */
const READING_LINE = 0.3;

interface AnchorMap {
  /** Heights of the anchors in the reference column and in the other column, in the same order. */
  ref: number[];
  other: number[];
}

/** Piecewise-linear map from one column's heights to another's through matching anchors. */
function interpolate(y: number, from: number[], to: number[]): number {
  const n = from.length;
  if (n === 0) return y;
  let lo = 0;
  let hi = n - 1;
  if (y < (from[0] as number)) return (to[0] as number) + (y - (from[0] as number));
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((from[mid] as number) <= y) lo = mid;
    else hi = mid - 1;
  }
  const x0 = from[lo] as number;
  const y0 = to[lo] as number;
  if (lo === n - 1) return y0 + (y - x0);
  const x1 = from[lo + 1] as number;
  const y1 = to[lo + 1] as number;
  return x1 > x0 ? y0 + ((y - x0) / (x1 - x0)) * (y1 - y0) : y0;
}

const heightIn = (el: Element, container: HTMLElement, top: number) => el.getBoundingClientRect().top - top + container.scrollTop;

/**
 * Synchronised scrolling of comparison columns by their aligned anchors (positions that
 * correspond in both texts, rendered as [data-anchor="<pair>-<n>"] marks), not by scroll ratio:
 * the column the user scrolls leads; the reference follows through that pair's anchors and
 * the other columns follow the reference. Heights are measured lazily after each render or resize.
 */
export function useSyncScroll(columns: React.RefObject<Array<HTMLElement | null>>, contentKey: unknown) {
  const maps = useRef<AnchorMap[] | null>(null);
  const driver = useRef(0);

  const measure = useCallback((): AnchorMap[] => {
    const cols = columns.current;
    const reference = cols[0];
    const out: AnchorMap[] = [];
    if (!reference) return out;
    const refTop = reference.getBoundingClientRect().top;
    for (let k = 1; k < cols.length; k++) {
      const other = cols[k];
      if (!other) {
        out.push({ ref: [], other: [] });
        continue;
      }
      const otherTop = other.getBoundingClientRect().top;
      const inOther = new Map<string, number>();
      other.querySelectorAll<HTMLElement>(`[data-anchor^="${k - 1}-"]`).forEach((el) => inOther.set(el.dataset.anchor ?? '', heightIn(el, other, otherTop)));
      const map: AnchorMap = { ref: [], other: [] };
      reference.querySelectorAll<HTMLElement>(`[data-anchor^="${k - 1}-"]`).forEach((el) => {
        const y = inOther.get(el.dataset.anchor ?? '');
        if (y === undefined) return;
        const ry = heightIn(el, reference, refTop);
        // Keep the map monotone; two anchors on one line add nothing.
        if (map.ref.length && (ry <= (map.ref[map.ref.length - 1] as number) || y < (map.other[map.other.length - 1] as number))) return;
        map.ref.push(ry);
        map.other.push(y);
      });
      out.push(map);
    }
    return out;
  }, [columns]);

  /** Lines every column up with column `from`. */
  const follow = useCallback(
    (from: number) => {
      const cols = columns.current;
      const source = cols[from];
      if (!source) return;
      const m = (maps.current ??= measure());
      const y = source.scrollTop + READING_LINE * source.clientHeight;
      const yRef = from === 0 ? y : interpolate(y, m[from - 1]?.other ?? [], m[from - 1]?.ref ?? []);
      cols.forEach((col, j) => {
        if (!col || j === from) return;
        const target = j === 0 ? yRef : interpolate(yRef, m[j - 1]?.ref ?? [], m[j - 1]?.other ?? []);
        col.scrollTop = Math.max(0, target - READING_LINE * col.clientHeight);
      });
    },
    [columns, measure],
  );

  // New content or a new size: measure again at the next scroll.
  useEffect(() => {
    maps.current = null;
    const invalidate = () => (maps.current = null);
    const observer = new ResizeObserver(invalidate);
    // The columns, and their text, which grows while long texts render chunk by chunk.
    for (const col of columns.current) {
      if (!col) continue;
      observer.observe(col);
      if (col.firstElementChild) observer.observe(col.firstElementChild);
    }
    window.addEventListener('resize', invalidate);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', invalidate);
    };
  }, [columns, contentKey]);

  useEffect(() => {
    const cols = columns.current.filter((c): c is HTMLElement => c !== null);
    const cleanups = cols.map((col, i) => {
      const lead = () => (driver.current = i);
      const onScroll = () => {
        if (driver.current === i) follow(i);
      };
      const events = ['pointerdown', 'wheel', 'touchstart', 'keydown', 'focusin'] as const;
      events.forEach((e) => col.addEventListener(e, lead, { passive: true }));
      col.addEventListener('scroll', onScroll, { passive: true });
      return () => {
        events.forEach((e) => col.removeEventListener(e, lead));
        col.removeEventListener('scroll', onScroll);
      };
    });
    return () => cleanups.forEach((c) => c());
  }, [columns, follow, contentKey]);

  /** Scrolls column `index` so `el` sits on the reading line, and lines the others up with it. */
  const reveal = useCallback(
    (index: number, el: Element) => {
      const col = columns.current[index];
      if (!col) return;
      driver.current = index;
      const top = col.getBoundingClientRect().top;
      col.scrollTop = Math.max(0, heightIn(el, col, top) - READING_LINE * col.clientHeight);
      follow(index);
    },
    [columns, follow],
  );

  return { reveal, follow };
}
