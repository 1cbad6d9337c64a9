/**
 * The page numbers by laying the pages out (docx/layout), for every document whose numbers are not
 * had by design. This module is the only one that imports docx/layout, and it is loaded lazily
 * (load-layout.ts), so a report whose pages are proved by design never loads the layout.
 */
import { estimatePageNumbersWith } from 'docx/layout';
import { registerLayout } from './layout-registry.js';

/**
 * Lays the pages out to fill in page numbers. Where the layout meets something it cannot measure
 * exactly (e.g. Chinese text in a font outside its width tables) it guesses rather than leaving
 * the contents without numbers: a number one page off is better than a blank in a minister's copy.
 */
export const layoutPageNumbers = estimatePageNumbersWith({ guess: true });

registerLayout(layoutPageNumbers);
