// <mcp-schema-form name="args"> inside a real <form>: submitted as JSON, constraint validation
// through the form's validity and :invalid, reset, and <fieldset disabled>.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/mcp-schema-form/define.js';
import type { McpSchemaForm } from '../../src/components/mcp-schema-form/mcp-schema-form.js';
import type { JsonSchema } from '../../src/core/protocol/types.js';
import { controlByLabel, typeInto } from '../helpers.js';

const schema: JsonSchema = {
  type: 'object',
  required: ['city'],
  properties: {
    city: { type: 'string', title: 'City' },
    code: { type: 'string', title: 'Code', pattern: '^[A-Z]{3}$' },
    days: { type: 'integer', title: 'Days', minimum: 1, maximum: 7, default: 3 },
  },
};

/** A page form with a schema form, a plain input and a real submit button. */
async function pageForm() {
  const form = await fixture<HTMLFormElement>(html`<form>
    <input name="note" aria-label="Note" value="hello" />
    <fieldset>
      <mcp-schema-form name="args" .schema=${schema}></mcp-schema-form>
    </fieldset>
    <button type="submit">Send</button>
  </form>`);
  const el = form.querySelector<McpSchemaForm>('mcp-schema-form')!;
  form.addEventListener('submit', (e) => e.preventDefault()); // the test page stays
  await el.updateComplete;
  return { form, el, send: form.querySelector('button')! };
}

describe('<mcp-schema-form> in a <form>', () => {
  it('submits its value as JSON under its name with the form', async () => {
    const { form, el, send } = await pageForm();
    typeInto(controlByLabel(el, 'City'), 'Lisbon');
    await el.updateComplete;
    const submitted = oneEvent(form, 'submit');
    send.click();
    await submitted;
    const data = new FormData(form);
    expect(data.get('note')).to.equal('hello');
    expect(JSON.parse(data.get('args') as string)).to.deep.equal({ city: 'Lisbon', days: 3 });
  });

  it('blocks the submit while a required field is empty, and says why on the field', async () => {
    const { form, el, send } = await pageForm();
    let submits = 0;
    form.addEventListener('submit', () => submits++);
    expect(form.checkValidity()).to.be.false;
    expect(el.matches(':invalid')).to.be.true;
    expect(el.validity.valueMissing).to.be.true;
    expect(el.validationMessage).to.equal('This field is required.');
    const invalid = oneEvent(el, 'invalid');
    send.click();
    await invalid; // the browser checked the form and refused it; a submit would have come first
    expect(submits).to.equal(0);
    // The field the browser pointed at is the empty one, and it now shows its error.
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(controlByLabel(el, 'City'));

    typeInto(controlByLabel(el, 'City'), 'Porto');
    await el.updateComplete;
    expect(el.matches(':valid')).to.be.true;
    const submitted = oneEvent(form, 'submit');
    send.click();
    await submitted;
    expect(submits).to.equal(1);
  });

  it('reports pattern and bounds through the validity', async () => {
    const { el } = await pageForm();
    typeInto(controlByLabel(el, 'City'), 'Faro');
    typeInto(controlByLabel(el, 'Code'), 'lis');
    await el.updateComplete;
    expect(el.validity.patternMismatch).to.be.true;
    expect(el.validationMessage).to.equal('Enter a value matching ^[A-Z]{3}$.');
    typeInto(controlByLabel(el, 'Code'), 'LIS');
    typeInto(controlByLabel(el, 'Days'), '9');
    await el.updateComplete;
    expect(el.validity.rangeOverflow).to.be.true;
    typeInto(controlByLabel(el, 'Days'), '0');
    await el.updateComplete;
    expect(el.validity.rangeUnderflow).to.be.true;
    typeInto(controlByLabel(el, 'Days'), '2');
    await el.updateComplete;
    expect(el.validity.valid).to.be.true;
  });

  it('goes back to its defaults on form.reset()', async () => {
    const { form, el } = await pageForm();
    controlByLabel(el, 'City').focus();
    await sendKeys({ type: 'Braga' });
    typeInto(controlByLabel(el, 'Days'), '6');
    await el.updateComplete;
    expect(el.value).to.deep.equal({ city: 'Braga', days: 6 });
    form.reset();
    await el.updateComplete;
    expect(controlByLabel(el, 'City').value).to.equal('');
    expect(controlByLabel(el, 'Days').value).to.equal('3');
    expect(el.value).to.deep.equal({ days: 3 });
    expect(el.validity.valueMissing).to.be.true;
  });

  it('is disabled by a <fieldset disabled> and then left out of the submission', async () => {
    const { form, el } = await pageForm();
    typeInto(controlByLabel(el, 'City'), 'Evora');
    await el.updateComplete;
    form.querySelector('fieldset')!.disabled = true;
    await el.updateComplete;
    expect(controlByLabel(el, 'City').matches(':disabled')).to.be.true;
    expect(el.matches(':disabled')).to.be.true;
    expect(new FormData(form).has('args')).to.be.false;
    form.querySelector('fieldset')!.disabled = false;
    await el.updateComplete;
    expect(controlByLabel(el, 'City').matches(':disabled')).to.be.false;
    expect(JSON.parse(new FormData(form).get('args') as string)).to.deep.equal({ city: 'Evora', days: 3 });
  });

  it('is accessible inside a form', async () => {
    const { form } = await pageForm();
    await expect(form).to.be.accessible();
  });
});
