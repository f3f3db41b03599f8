/** Lower case without diacritics, so "coördinatie", "Coordinatie" and "coordinatie" compare equal. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}
