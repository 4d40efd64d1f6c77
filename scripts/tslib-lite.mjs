// The one TypeScript helper the build needs, for lit's property decorators (experimentalDecorators:
// TS calls __decorate(decorators, prototype, name, undefined)); tslib's general version also
// handles class and parameter decorators and Reflect.decorate, which nothing here uses.
export function __decorate(decorators, target, key, desc) {
  for (let i = decorators.length; i--;) desc = decorators[i](target, key, desc) || desc;
  if (desc) Object.defineProperty(target, key, desc);
  return desc;
}
