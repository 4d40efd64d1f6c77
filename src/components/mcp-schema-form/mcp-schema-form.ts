import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { JsonSchema } from '../../core/protocol/types.js';
import type { FieldError } from '../../core/schema/arguments.js';
import type { FieldModel } from '../../core/schema/describe.js';
import type { SchemaDoc } from '../../core/schema/document.js';
import type { ArrayDraft, Draft, ObjectDraft, VariantDraft } from '../../core/schema/draft.js';
import { isSecret } from '../../internal/secrets.js';
import { loadValidator, validator } from '../../core/schema/validator.js';

/**
 * The form kit (validator, field models, drafts): loaded as the form connects; the fields render only once it is here.
 */
const kit = () => validator()!;
const UNCHECKED: FieldError = { keyword: 'uncheckable' };
import { McpFormInputEvent } from '../../events/events.js';
import { msg } from '../../messages.js';
import { tokens } from '../shared.styles.js';
import { styles } from './mcp-schema-form.styles.js';

/** How one field is shown: its error path, its name for people, and how to store a new draft. */
/** The property name at the end of a field path (`#/a/b` -> `b`). */
function lastKey(path: string): string {
  const key = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

interface Slot {
  path: string;
  /** Plain-text label, also used in the names of array and entry buttons. */
  label: string;
  required: boolean;
  readOnly: boolean;
  set: (draft: Draft) => void;
  /** A property to leave out (a variant's discriminator, which the picker shows). */
  hide?: string;
}

/** The ValidityState flag of a schema keyword (exclusive bounds as the plain ones). */
const VALIDITY: Record<string, keyof ValidityStateFlags> = {
  required: 'valueMissing',
  pattern: 'patternMismatch',
  minimum: 'rangeUnderflow',
  maximum: 'rangeOverflow',
  minLength: 'tooShort',
  maxLength: 'tooLong',
  format: 'typeMismatch',
  type: 'typeMismatch',
};

const isKind = <T extends { t: string }>(d: Draft, t: T['t']): d is Draft & T =>
  typeof d === 'object' && d !== null && !Array.isArray(d) && d.t === t;

/**
 * @summary A form generated from a JSON Schema: the engine behind tool forms and elicitation forms.
 * Form-associated: with a `name`, it submits its value as JSON with the enclosing `<form>`, reports
 * the schema's constraints (`required`, `pattern`, bounds...) through the form's validity and
 * `:invalid`, goes back to its preset on `form.reset()`, and is disabled by a `<fieldset disabled>`.
 * @fires mcp-form-input - After every edit; `detail` is the current value (the arguments object).
 * @csspart form - The fieldset around the whole form.
 * @csspart message - A notice about the schema (too large, unsupported dialect).
 * @csspart field - One field's wrapper (also `field object`, `field array`, `field variant`, `field choices`).
 * @csspart label - A field's label or legend.
 * @csspart input - A text, number, choice or checkbox control.
 * @csspart help - A field's description.
 * @csspart error - A field's error message.
 * @csspart array - The list of an array's items.
 * @csspart item - One array item.
 * @csspart item-actions - The move and remove buttons of one item.
 * @csspart entries - The key/value rows of a map.
 * @csspart entry - One key/value row.
 * @csspart variant - The picker of a union of object shapes.
 * @csspart json-editor - The JSON text area of a field the form cannot show otherwise.
 * @csspart button - Add, remove and move buttons.
 */
export class McpSchemaForm extends LitElement {
  static override styles = [tokens, styles];
  static formAssociated = true;

  /** The JSON Schema (2020-12 unless `$schema` says otherwise) to build the form from. */
  @property({ attribute: false }) schema?: JsonSchema;
  /** Top-level property names shown read-only; their preset values are always sent. */
  @property({ attribute: false }) locked: string[] = [];
  /** Disables every control. */
  @property({ type: Boolean, reflect: true }) disabled = false;
  /**
   * The name the value (as JSON) is submitted under with the enclosing form; without one the element takes no part in
   * it.
   */
  @property() name?: string;

  @state() private draft: Draft;
  @state() private errors = new Map<string, FieldError>();

  private doc?: SchemaDoc;
  private schemaPending = false;
  private schemaJson?: string;
  private preset?: Record<string, unknown>;
  private presetPending = false;
  private showErrors = false;
  private focusInvalid = false;
  private focusAfter?: { path: string; act: string; index: number };
  private ids = 0;
  private internals = this.attachInternals();
  /** Disabled by an enclosing `<fieldset disabled>`. */
  @state() private formDisabled = false;
  /** Each field's control id and model, by error path, from the last render (the validity's anchor and message). */
  private fieldsByPath = new Map<string, [string, FieldModel]>();

  /** The current arguments; setting it presets the fields (schema defaults fill the rest). */
  get value(): Record<string, unknown> {
    if (!this.doc) return { ...this.preset };
    return kit().draftToArguments(this.doc, this.draft, this.locked).value as Record<string, unknown>;
  }
  set value(value: Record<string, unknown> | undefined) {
    if (value === this.preset && !this.presetPending) return;
    this.preset = value;
    this.presetPending = true;
    this.requestUpdate();
  }

  override connectedCallback() {
    super.connectedCallback();
    // The validator arrives in its own chunk (from cache, in a few ms); the fields render once it is
    // here, so whatever a person submits is checked.
    if (!validator())
      void loadValidator().then(
        () => this.requestUpdate(),
        () => this.requestUpdate(),
      );
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    if (validator()) return done;
    // Settled means the fields are on screen and validate() can answer: the validator is here too.
    await loadValidator().catch(() => {});
    return super.getUpdateComplete();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>) {
    // The schema is read once the kit is here (its arrival asks for an update, which lands here again).
    if (changed.has('schema')) this.schemaPending = true;
    if (!validator()) return;
    if (this.schemaPending) {
      this.schemaPending = false;
      let json: string | undefined;
      try {
        json = JSON.stringify(this.schema);
      } catch {
        json = undefined;
      }
      // An equal schema (the tool list refreshed) keeps everything typed, even text not yet valid.
      if (json === undefined || json !== this.schemaJson || !this.doc) {
        const keep = this.presetPending ? this.preset : this.doc ? this.value : this.preset;
        this.schemaJson = json;
        this.doc = kit().loadSchema(this.schema);
        this.draft = kit().createDraft(this.doc, kit().describeField(this.doc, this.doc.root), keep ?? undefined);
        this.presetPending = false;
        this.errors = new Map();
        this.showErrors = false;
      }
    }
    if (this.presetPending && this.doc) {
      this.draft = kit().createDraft(this.doc, kit().describeField(this.doc, this.doc.root), this.preset);
      this.presetPending = false;
      if (this.showErrors) this.check();
    }
  }

  protected override updated() {
    if (this.name) this.reportToForm();
    if (this.focusInvalid) {
      this.focusInvalid = false;
      const bad = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid]');
      const target = bad?.matches('input, select, textarea')
        ? bad
        : bad?.querySelector<HTMLElement>('input, select, textarea, button');
      target?.focus();
    }
    if (this.focusAfter) {
      const { path, act, index } = this.focusAfter;
      this.focusAfter = undefined;
      const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('button[data-path]')].filter(
        (b) => b.dataset.path === path,
      );
      const at = (a: string, i: number) =>
        buttons.find((b) => b.dataset.act === a && b.dataset.index === String(i) && !b.disabled);
      const next =
        at(act, index) ??
        at(act === 'up' ? 'down' : 'up', index) ??
        at('remove', index) ??
        at('remove', index - 1) ??
        at('add', -1);
      if (act === 'add')
        this.renderRoot
          .querySelector<HTMLElement>(`[data-item="${CSS.escape(path)}:${index}"]`)
          ?.querySelector<HTMLElement>('input, select, textarea, button')
          ?.focus();
      else next?.focus();
    }
  }

  /**
   * Checks the current value against the schema, shows the errors and focuses the first invalid field; true when valid.
   */
  validate(): boolean {
    this.showErrors = true;
    this.focusInvalid = true;
    this.check();
    return this.errors.size === 0;
  }

  /** The value's validity against the schema, as a form control's. */
  get validity(): ValidityState {
    return this.internals.validity;
  }
  /** The first error's message, as a form control's. */
  get validationMessage(): string {
    return this.internals.validationMessage;
  }

  formResetCallback() {
    this.presetPending = true;
    this.showErrors = false;
    this.errors = new Map();
    this.requestUpdate();
  }

  formDisabledCallback(disabled: boolean) {
    this.formDisabled = disabled;
  }

  override render() {
    const doc = this.doc;
    if (!doc || !validator()) return nothing;
    this.ids = 0;
    this.fieldsByPath.clear();
    const root = kit().describeField(doc, doc.root);
    const formError = this.showErrors ? this.errors.get('#') : undefined;
    const slot: Slot = {
      path: '#',
      label: root.title ?? msg().schemaForm.arguments,
      required: true,
      readOnly: false,
      set: (d) => (this.draft = d),
    };
    return html`<fieldset part="form" class="plain" ?disabled=${this.disabled || this.formDisabled}>
      ${doc.problem ? html`<p part="message" class="error" role="alert">${msg().schemaForm.schema[doc.problem.code]}</p>` : nothing}
      ${formError && !doc.problem ? html`<p part="error" class="error" role="alert" data-invalid>${this.errorText(formError, root)}</p>` : nothing}
      ${
        root.kind === 'object'
          ? this.renderProperties(root, this.ensureObject(root, this.draft, slot, true), slot)
          : root.problem === 'any' && !doc.problem
            ? nothing /* a tool without parameters */
            : this.renderField(root, this.draft, slot)
      }
    </fieldset>`;
  }

  private renderField(field: FieldModel, draft: Draft, slot: Slot): TemplateResult {
    switch (field.kind) {
      case 'object':
        return this.renderObject(field, this.ensureObject(field, draft, slot), slot);
      case 'array':
        return this.renderArray(field, isKind<ArrayDraft>(draft, 'array') ? draft : this.reset(field, slot), slot);
      case 'variant':
        return this.renderVariant(
          field,
          isKind<VariantDraft>(draft, 'variant') ? draft : this.reset(field, slot),
          slot,
        );
      case 'multiselect':
        return this.renderChoices(field, Array.isArray(draft) ? draft : [], slot);
      default:
        return this.renderControl(field, draft, slot);
    }
  }

  /** A single control with its label, help and error: text, number, checkbox, select, const, JSON. */
  private renderControl(field: FieldModel, draft: Draft, slot: Slot) {
    const a = this.a11y(field, slot);
    const ro = slot.readOnly || field.readOnly;
    const onText = (e: Event) => this.edit(slot, (e.target as HTMLInputElement).value);
    let control: TemplateResult;
    switch (field.kind) {
      case 'boolean':
        return html`<div part="field" class="field check">
          <input part="input" id=${a.id} type="checkbox" .checked=${live(draft === true)} ?disabled=${ro} aria-required=${a.required} aria-invalid=${a.invalid} aria-describedby=${a.describedBy} @change=${(e: Event) => this.edit(slot, (e.target as HTMLInputElement).checked)} />
          <label part="label" for=${a.id}>${this.labelText(slot)}</label>
          ${a.help}${a.error}
        </div>`;
      case 'select':
        control = html`<select part="input" id=${a.id} ?disabled=${ro} aria-required=${a.required} aria-invalid=${a.invalid} aria-describedby=${a.describedBy} @change=${(
          e: Event,
        ) => {
          const v = (e.target as HTMLSelectElement).value;
          this.edit(slot, v === '' ? undefined : Number(v));
        }}>
          <option value="" ?selected=${draft === undefined}>${slot.required ? msg().schemaForm.choose : msg().schemaForm.none}</option>
          ${field.choices!.map((c, i) => html`<option value=${i} ?selected=${draft === i}>${c.label}</option>`)}
        </select>`;
        break;
      case 'const':
        control = html`<input part="input" id=${a.id} readonly .value=${typeof field.value === 'string' ? field.value : JSON.stringify(field.value)} aria-describedby=${a.describedBy} />`;
        break;
      case 'text':
      case 'number':
        control = html`<input
          part="input"
          id=${a.id}
          type=${field.kind === 'number' ? 'text' : isSecret(lastKey(slot.path), field.schema) ? 'password' : field.inputType!}
          inputmode=${field.kind === 'number' ? (field.integer ? 'numeric' : 'decimal') : nothing}
          step=${field.inputType === 'time' || field.inputType === 'datetime-local' ? '1' : nothing}
          .value=${live(typeof draft === 'string' ? draft : '')}
          placeholder=${field.placeholder ?? nothing}
          ?readonly=${ro}
          aria-required=${a.required}
          aria-invalid=${a.invalid}
          aria-describedby=${a.describedBy}
          @input=${onText}
        />`;
        break;
      default:
        control = html`<textarea part="json-editor" id=${a.id} rows="3" spellcheck="false" .value=${live(typeof draft === 'string' ? draft : '')} placeholder=${field.placeholder ?? nothing} ?readonly=${ro} aria-required=${a.required} aria-invalid=${a.invalid} aria-describedby=${a.describedBy} @input=${onText}></textarea>`;
    }
    return html`<div part="field" class="field">
      <label part="label" for=${a.id}>${this.labelText(slot)}</label>
      ${a.help}${control}${a.error}
    </div>`;
  }

  private renderObject(field: FieldModel, d: ObjectDraft, slot: Slot) {
    const a = this.a11y(field, slot);
    const optional = field.recursive || field.nullable;
    const toggle = (open: boolean) => () => {
      if (open) {
        const fresh = kit().objectDraft(this.doc!, field, undefined, true);
        fresh.added = true;
        slot.set(fresh);
      } else slot.set({ ...d, open: false, added: false });
      this.changed();
    };
    return html`<fieldset part="field object" class="field group" aria-describedby=${a.describedBy} ?data-invalid=${a.invalid === 'true'}>
      <legend part="label">${this.labelText(slot)}</legend>
      ${a.help}
      ${
        d.open
          ? html`${optional && !slot.readOnly ? html`<button part="button" class="link" @click=${toggle(false)}>${msg().schemaForm.remove(slot.label)}</button>` : nothing}
          ${this.renderProperties(field, d, slot)}`
          : html`<button part="button" ?disabled=${slot.readOnly} @click=${toggle(true)}>${msg().schemaForm.add(slot.label)}</button>`
      }
      ${a.error}
    </fieldset>`;
  }

  private renderProperties(field: FieldModel, d: ObjectDraft, slot: Slot) {
    const top = slot.path === '#';
    return html`${(field.properties ?? []).map((p) => {
      if (p.name === slot.hide) return nothing;
      const child = kit().propertyField(this.doc!, field, p);
      return this.renderField(child, d.props.get(p.name), {
        path: kit().childPath(slot.path, p.name),
        label: child.title ?? p.name,
        required: p.required,
        readOnly: slot.readOnly || (top && this.locked.includes(p.name)),
        set: (v) => d.props.set(p.name, v),
      });
    })}
    ${field.entries ? this.renderEntries(field, d, slot) : nothing}`;
  }

  private renderEntries(field: FieldModel, d: ObjectDraft, slot: Slot) {
    const m = msg().schemaForm;
    const valueField = kit().entryField(this.doc!, field);
    const add = () => {
      d.entries.push({ id: kit().nextId(), key: '', value: kit().openDraft(this.doc!, valueField) });
      this.focusAfter = { path: slot.path, act: 'add', index: d.entries.length - 1 };
      this.changed();
    };
    return html`<div part="entries" class="entries">
      ${d.entries.map((e, i) => {
        const keyId = `${this.uid()}`;
        const keyError = this.showErrors ? this.errors.get(`${slot.path}/~entry${i}`) : undefined;
        const errId = `${keyId}-error`;
        return html`<div part="entry" class="entry" data-item=${`${slot.path}:${i}`}>
          <div part="field" class="field">
            <label part="label" for=${keyId}>${m.entryKey(i + 1, slot.label)}</label>
            <input part="input" id=${keyId} .value=${live(e.key)} ?readonly=${slot.readOnly} aria-invalid=${keyError ? 'true' : 'false'} aria-describedby=${keyError ? errId : nothing} @input=${(
              ev: Event,
            ) => {
              e.key = (ev.target as HTMLInputElement).value;
              this.changed();
            }} />
            ${keyError ? html`<div part="error" class="error" id=${errId}>${this.errorText(keyError, field)}</div>` : nothing}
          </div>
          ${this.renderField(valueField, e.value, { path: kit().childPath(slot.path, e.key), label: m.entryValue(i + 1, slot.label), required: true, readOnly: slot.readOnly, set: (v) => (e.value = v) })}
          <button part="button" class="remove" data-path=${slot.path} data-act="remove" data-index=${i} ?disabled=${slot.readOnly} @click=${() => this.removeAt(d.entries, i, slot.path)}>${m.removeEntry(i + 1, slot.label)}</button>
        </div>`;
      })}
      <button part="button" data-path=${slot.path} data-act="add" data-index="-1" ?disabled=${slot.readOnly} @click=${add}>${m.addEntry(slot.label)}</button>
    </div>`;
  }

  private renderArray(field: FieldModel, d: ArrayDraft, slot: Slot) {
    const m = msg().schemaForm;
    const a = this.a11y(field, slot);
    const item = kit().itemField(this.doc!, field);
    const max = field.schema.maxItems;
    const full = typeof max === 'number' && d.items.length >= max;
    const add = () => {
      d.items.push({ id: kit().nextId(), value: kit().openDraft(this.doc!, item) });
      this.focusAfter = { path: slot.path, act: 'add', index: d.items.length - 1 };
      this.changed();
    };
    const move = (i: number, by: number, act: string) => () => {
      const [x] = d.items.splice(i, 1);
      d.items.splice(i + by, 0, x);
      this.focusAfter = { path: slot.path, act, index: i + by };
      this.changed();
    };
    const n = d.items.length;
    return html`<fieldset part="field array" class="field group" aria-describedby=${a.describedBy} ?data-invalid=${a.invalid === 'true'}>
      <legend part="label">${this.labelText(slot)}</legend>
      ${a.help}
      ${
        n
          ? html`<ol part="array" class="items">
            ${d.items.map(
              (x, i) => html`<li part="item" class="item" data-item=${`${slot.path}:${i}`}>
                ${this.renderField(item, x.value, { path: kit().childPath(slot.path, i), label: m.item(i + 1, slot.label), required: true, readOnly: slot.readOnly, set: (v) => (x.value = v) })}
                <div part="item-actions" class="actions">
                  <button part="button" data-path=${slot.path} data-act="up" data-index=${i} aria-label=${m.moveUp(i + 1, slot.label)} title=${m.moveUp(i + 1, slot.label)} ?disabled=${slot.readOnly || i === 0} @click=${move(i, -1, 'up')}>&uarr;</button>
                  <button part="button" data-path=${slot.path} data-act="down" data-index=${i} aria-label=${m.moveDown(i + 1, slot.label)} title=${m.moveDown(i + 1, slot.label)} ?disabled=${slot.readOnly || i === n - 1} @click=${move(i, 1, 'down')}>&darr;</button>
                  <button part="button" data-path=${slot.path} data-act="remove" data-index=${i} aria-label=${m.removeItem(i + 1, slot.label)} ?disabled=${slot.readOnly} @click=${() => this.removeAt(d.items, i, slot.path)}>${m.removeShort}</button>
                </div>
              </li>`,
            )}
          </ol>`
          : nothing
      }
      <button part="button" data-path=${slot.path} data-act="add" data-index="-1" ?disabled=${slot.readOnly || full} @click=${add}>${m.addItem(slot.label)}</button>
      ${a.error}
    </fieldset>`;
  }

  /** The discriminator-aware picker of a union of object shapes, and the chosen shape's fields. */
  private renderVariant(field: FieldModel, d: VariantDraft, slot: Slot) {
    const m = msg().schemaForm;
    const a = this.a11y(field, slot);
    const choose = (e: Event) => {
      const choice = Number((e.target as HTMLSelectElement).value);
      const prev = isKind<ObjectDraft>(d.value, 'object') ? d.value : undefined;
      let value: Draft;
      if (choice >= 0) {
        const shape = kit().variantField(this.doc!, field, choice);
        const next = kit().openDraft(this.doc!, shape) as ObjectDraft;
        // Keep what was typed into properties both shapes share.
        for (const [name, v] of prev?.props ?? [])
          if (next.props.has(name) && name !== field.discriminator && typeof v === typeof next.props.get(name))
            next.props.set(name, v);
        next.added = true;
        value = next;
      }
      this.edit(slot, { t: 'variant', choice, value } satisfies VariantDraft);
    };
    const shape =
      d.choice >= 0 && field.variants![d.choice] ? kit().variantField(this.doc!, field, d.choice) : undefined;
    return html`<div part="field" class="field group variant">
      <label part="label" for=${a.id}>${this.labelText(slot)}</label>
      ${a.help}
      <select part="variant" id=${a.id} ?disabled=${slot.readOnly} aria-required=${a.required} aria-invalid=${a.invalid} aria-describedby=${a.describedBy} @change=${choose}>
        <option value="-1" ?selected=${d.choice < 0}>${slot.required ? m.choose : m.none}</option>
        ${field.variants!.map((v, i) => html`<option value=${i} ?selected=${d.choice === i}>${v.label || m.option(i + 1)}</option>`)}
      </select>
      ${a.error}
      ${
        shape
          ? html`<div class="shape" role="group" aria-labelledby=${a.id}>
            ${this.renderProperties(shape, this.ensureObject(shape, d.value, { ...slot, set: (v) => (d.value = v) }, true), { ...slot, hide: field.discriminator })}
          </div>`
          : nothing
      }
    </div>`;
  }

  /** Multi-select (an array of choices) as a group of checkboxes. */
  private renderChoices(field: FieldModel, chosen: number[], slot: Slot) {
    const a = this.a11y(field, slot);
    const toggle = (i: number) => (e: Event) =>
      this.edit(
        slot,
        (e.target as HTMLInputElement).checked ? [...chosen, i].sort((x, y) => x - y) : chosen.filter((x) => x !== i),
      );
    return html`<fieldset part="field choices" class="field group" aria-describedby=${a.describedBy} ?data-invalid=${a.invalid === 'true'}>
      <legend part="label">${this.labelText(slot)}</legend>
      ${a.help}
      ${field.choices!.map((c, i) => {
        const id = this.uid();
        return html`<div class="check"><input part="input" type="checkbox" id=${id} .checked=${live(chosen.includes(i))} ?disabled=${slot.readOnly || field.readOnly} @change=${toggle(i)} /><label for=${id}>${c.label}</label></div>`;
      })}
      ${a.error}
    </fieldset>`;
  }

  /** Ids and ARIA attributes shared by every field, with its help and error nodes. */
  private a11y(field: FieldModel, slot: Slot) {
    const id = this.uid();
    this.fieldsByPath.set(slot.path, [id, field]);
    const error = this.showErrors ? this.errors.get(slot.path) : undefined;
    const problem = field.problem && field.problem !== 'any' ? msg().schemaForm.problems[field.problem] : undefined;
    const helpText = [problem, field.deprecated && msg().schemaForm.deprecated, field.description]
      .filter(Boolean)
      .join(' ');
    const ids = [helpText && `${id}-help`, error && `${id}-error`].filter(Boolean).join(' ');
    return {
      id,
      required: slot.required ? 'true' : nothing,
      invalid: error ? 'true' : 'false',
      describedBy: ids || nothing,
      help: helpText ? html`<div part="help" class="help muted" id=${`${id}-help`}>${helpText}</div>` : nothing,
      error: error
        ? html`<div part="error" class="error" id=${`${id}-error`}>${this.errorText(error, field)}</div>`
        : nothing,
    };
  }

  private labelText(slot: Slot) {
    return html`${slot.label}${slot.required ? html`<span class="required" aria-hidden="true">*</span>` : nothing}`;
  }

  private errorText(error: FieldError, field?: FieldModel): string {
    const table = msg().schemaForm.errors;
    return (table[error.keyword] ?? table.invalid)(field?.schema ?? {}, error.raw);
  }

  private uid() {
    return `f${++this.ids}`;
  }

  /** The object draft of a field, creating it when the stored draft does not fit (after a schema change). */
  private ensureObject(field: FieldModel, current: Draft, slot: Slot, open = false): ObjectDraft {
    if (isKind<ObjectDraft>(current, 'object')) return current;
    const d = open
      ? (kit().openDraft(this.doc!, field) as ObjectDraft)
      : (kit().createDraft(this.doc!, field) as ObjectDraft);
    slot.set(d);
    return d;
  }

  private reset<T extends Draft>(field: FieldModel, slot: Slot): T {
    const d = kit().createDraft(this.doc!, field) as T;
    slot.set(d);
    return d;
  }

  private removeAt(list: unknown[], i: number, path: string) {
    list.splice(i, 1);
    this.focusAfter = { path, act: 'remove', index: Math.min(i, list.length - 1) };
    this.changed();
  }

  private edit(slot: Slot, draft: Draft) {
    slot.set(draft);
    this.changed();
  }

  private check() {
    // Until the kit is here (its chunk loads as the form connects), nothing counts as valid.
    if (!this.doc) return ((this.errors = new Map([['#', UNCHECKED]])), this.value);
    const { value, collected } = kit().draftToArguments(this.doc, this.draft, this.locked);
    this.errors = kit().validateArguments(this.doc, value, collected);
    return value as Record<string, unknown>;
  }

  /** Hands the form its value as JSON and the first schema error as the validity, anchored on that field. */
  private reportToForm() {
    const doc = this.doc;
    // Until the kit is here, the value is not known to be valid (its arrival re-renders and reports again).
    if (!doc) return this.internals.setValidity({ customError: true }, this.errorText(UNCHECKED));
    const { value, collected } = kit().draftToArguments(doc, this.draft, this.locked);
    this.internals.setFormValue(JSON.stringify(value));
    const errors = kit().validateArguments(doc, value, collected);
    const [path, error] = errors.entries().next().value ?? [];
    if (!error) return this.internals.setValidity({});
    const [id, field] = this.fieldsByPath.get(path!) ?? [];
    const flag = VALIDITY[error.keyword.replace(/^exclusiveM/, 'm')] ?? 'customError';
    this.internals.setValidity(
      { [flag]: true },
      this.errorText(error, field),
      this.renderRoot.querySelector<HTMLElement>(`#${id}`) ?? undefined,
    );
  }

  private changed() {
    const value = this.showErrors ? this.check() : this.value;
    this.requestUpdate();
    this.dispatchEvent(new McpFormInputEvent(value));
  }
}
