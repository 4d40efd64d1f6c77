// The variable names of an RFC 6570 template, for the form that fills it in; expanding it is in
// uri-template.ts, loaded when a template is first read.

/** The variable names of a template, in order of first appearance. */
export function templateVariables(template: string): string[] {
  const names: string[] = [];
  for (const [, body] of template.matchAll(/\{([^{}]*)\}/g))
    for (const spec of body.replace(/^[+#./;?&]/, '').split(',')) {
      const name = spec.trim().replace(/(:\d{1,4}|\*)$/, '');
      if (name && !names.includes(name)) names.push(name);
    }
  return names;
}
