/**
 * Plain HTML driving the element, without script: invoker commands on buttons
 * (`<button commandfor="feed" command="--send" value="hi">`) and forms inside it.
 */

/** What these need of the element. */
interface Commanded extends HTMLElement {
  connect(): void;
  send(data: unknown): void;
  close(): void;
  readonly format: string;
}

/** A form's fields as one object: a name that occurs more than once gives an array, in order. */
export function formFields(form: HTMLFormElement, submitter: HTMLElement | null): {fields: Record<string, string | string[]>} | {fileField: string} {
  for (const control of form.elements) {
    if (control instanceof HTMLInputElement && control.type === 'file') return {fileField: control.name || control.id || 'file'};
  }
  const fields = new Map<string, string | string[]>();
  for (const [name, value] of new FormData(form, submitter)) {
    const known = fields.get(name);
    const text = String(value);
    fields.set(name, known === undefined ? text : Array.isArray(known) ? [...known, text] : [known, text]);
  }
  // fromEntries, not assignment: a field named "__proto__" stays a field.
  return {fields: Object.fromEntries(fields)};
}

/**
 * Answers `--connect`, `--send` (the button's value) and `--close` commands, and sends each
 * form submitted inside the element as one JSON object text instead of navigating. What
 * cannot be done is `report`ed (an error event), never thrown at the page.
 */
export function listenForCommandsAndForms(element: Commanded, report: (message: string, error?: Error) => void): void {
  const attempt = (action: () => void, what: string) => {
    try {
      action();
    } catch (error) {
      report(`Could not ${what}: ${(error as Error).message}`, error as Error);
    }
  };
  // https://html.spec.whatwg.org/multipage/form-elements.html#attr-button-command: custom commands start with "--".
  element.addEventListener('command', (event) => {
    const {command, source} = event as Event & {command: string; source: Element | null};
    if (command === '--connect') attempt(() => element.connect(), 'connect');
    else if (command === '--send') attempt(() => element.send((source as HTMLButtonElement | null)?.value ?? ''), 'send');
    else if (command === '--close') attempt(() => element.close(), 'close');
  });
  element.addEventListener('submit', (event) => {
    const form = event.target as HTMLFormElement;
    event.preventDefault();
    const result = formFields(form, (event as SubmitEvent).submitter);
    if ('fileField' in result) {
      report(`The form's file field "${result.fileField}" cannot be sent as text: nothing was sent.`);
      return;
    }
    attempt(() => element.send(element.format === 'json' ? result.fields : JSON.stringify(result.fields)), 'send the form');
  });
}
