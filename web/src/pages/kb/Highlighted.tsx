import type { CSSProperties } from 'react';
import { markOnly } from './safeHtml';

/** A server highlight (escaped text with <mark> around the matches), rendered with nothing else allowed through. */
export function Highlighted({ html, style, testId }: { html: string; style?: CSSProperties; testId?: string }) {
  return <span style={style} data-testid={testId} dangerouslySetInnerHTML={{ __html: markOnly(html) }} />;
}
