/** The comparison screen and the side-by-side view the pilot grid embeds. */
export { CompareScreen } from './CompareScreen';
export { CompareWithDialog } from './CompareWithDialog';
export { SideBySide, type SideBySideProps } from './SideBySide';
export { toView, type CompareResult, type CompareView } from './model';
export { columnsQuery, formatSpec, parseColumns, parseSpec } from './spec';
