import {waitUntil} from '@open-wc/testing';

export interface Harness {
  reports: Record<string, unknown>;
  alerts: string[];
  errors: string[];
}
export type PageWindow = Window & typeof globalThis & {harness: Harness};

/** Opens a runtime's test page (test/python/pages/<runtime>.html) on a scenario in an iframe. */
export async function openPythonPage(
  runtime: string,
  scenario: string,
  options: {until?: string; timeout?: number; query?: Record<string, string>} = {}
): Promise<{frame: HTMLIFrameElement; page: PageWindow; document: Document}> {
  const frame = document.createElement('iframe');
  const query = new URLSearchParams({scenario, ...options.query});
  frame.src = `/test/python/pages/${runtime}.html?${query}`;
  frame.style.width = '800px';
  document.body.append(frame);
  const page = () => frame.contentWindow as PageWindow;
  const until = options.until ?? 'done';
  const started = performance.now();
  await waitUntil(() => page()?.harness?.reports[until] !== undefined, `${runtime} ran ${scenario}`, {
    timeout: options.timeout ?? 20000,
    interval: 50,
  });
  console.log(`${runtime} page, ${scenario || 'loaded'}: ${Math.round(performance.now() - started)} ms until "${until}"`);
  return {frame, page: page(), document: frame.contentDocument!};
}

export function closePythonPages(): void {
  document.querySelectorAll('iframe').forEach((frame) => frame.remove());
}
