/**
 * Plain HTML driving the element, without script: invoker commands on buttons
 * (`<button commandfor="feed" command="--send" value="hi">`) and forms inside it.
 */

/** Submit events a `<py-websocket>` took on: the nearest one around the form. */
const claimed = new WeakSet<Event>();

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
    // The nearest element sends a form; elements around it leave that submit alone.
    if (claimed.has(event)) return;
    claimed.add(event);
    // The page may cancel the submit in any listener, also one that runs after this: the form
    // is sent (instead of navigating) once the event has passed its last target, if no one did.
    // Its fields are read now, before a later listener (or a microtask) may reset the form.
    const result = formFields(event.target as HTMLFormElement, (event as SubmitEvent).submitter);
    const path = event.composedPath();
    const last = path[path.length - 1];
    const submitted = () => {
      if (event.defaultPrevented) return;
      event.preventDefault();
      send(result);
    };
    if (last === element) submitted();
    else last.addEventListener('submit', (at) => at === event && submitted(), {once: true});
  });

  function send(result: ReturnType<typeof formFields>): void {
    if ('fileField' in result) {
      report(`The form's file field "${result.fileField}" cannot be sent as text: nothing was sent.`);
      return;
    }
    attempt(() => element.send(element.format === 'json' ? result.fields : JSON.stringify(result.fields)), 'send the form');
  }
}
