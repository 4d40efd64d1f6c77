// Angular: the plain tags in a standalone component with CUSTOM_ELEMENTS_SCHEMA (the frameworks guide's Angular
// section runs this). Compiled just in time: @angular/compiler before bootstrapApplication, and the
// decorators by esbuild (tsconfig.json beside this file), so plain Vite builds it without the Angular CLI.
import '@angular/compiler';
import { Component, CUSTOM_ELEMENTS_SCHEMA, VERSION, provideZonelessChangeDetection, signal } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import 'mcp-web-components';
import type { McpToolResultEvent } from 'mcp-web-components';

@Component({
  selector: 'mcp-sum',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <h1>Angular {{ version }}</h1>
      <mcp-tool-form [url]="server" tool="add" [values]="values" [locked]="locked" (mcp-tool-result)="onResult($event)"></mcp-tool-form>
      <p role="status">{{ reply() && 'The server says ' + reply() }}</p>
    </main>
  `,
})
class Sum {
  version = VERSION.full;
  server = new URLSearchParams(location.search).get('server')!;
  values = { a: 2, b: 2 };
  locked = ['b'];
  reply = signal('');
  onResult(e: Event) {
    const { error, result } = e as McpToolResultEvent;
    this.reply.set(error ? error.message : (result?.content.find((c) => c.type === 'text')?.text ?? ''));
  }
}

bootstrapApplication(Sum, { providers: [provideZonelessChangeDetection()] }).catch((err) => console.error(err));
