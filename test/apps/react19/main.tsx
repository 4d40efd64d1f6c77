// React 19: the plain tags, checked by the JSX types of mcp-web-components/react (docs/guide/frameworks.md's
// React section runs this).
import { useState, version } from 'react';
import { createRoot } from 'react-dom/client';
import 'mcp-web-components';
import type {} from 'mcp-web-components/react';

const server = new URLSearchParams(location.search).get('server')!;
// Outside the component: a new object on every render would preset the form again each time.
const values = { a: 2, b: 2 };
const locked = ['b'];

function Sum() {
  const [reply, setReply] = useState('');
  return (
    <main>
      <h1>React {version}</h1>
      <mcp-tool-form
        url={server}
        tool="add"
        values={values}
        locked={locked}
        onmcp-tool-result={(e) =>
          setReply(e.error ? e.error.message : (e.result?.content.find((c) => c.type === 'text')?.text ?? ''))
        }
      />
      <p role="status">{reply && `The server says ${reply}`}</p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<Sum />);
