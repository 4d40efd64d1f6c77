// The Measured page's data (a VitePress data loader, run at build time): reads the benchmark results in bench/*.json
// and turns them into chart descriptions that <BenchChart> draws as SVG. A file that is missing (a run not recorded
// yet) gives no chart, and the page says so.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bench = (name) => fileURLToPath(new URL(`../bench/${name}.json`, import.meta.url));
const FILES = { main: 'results', firstScreen: 'first-screen', bigInputs: 'big-inputs', lowCode: 'low-code' };

const readJson = (name) => {
  const file = bench(name);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
};
/** The smallest and largest of a metric's rounds, for the range drawn over a bar. */
const range = (xs) => {
  const s = (xs ?? []).filter((x) => typeof x === 'number');
  return s.length > 1 ? [Math.min(...s), Math.max(...s)] : undefined;
};
const MONTHS = 'January February March April May June July August September October November December'.split(' ');
/** "3 December 2026, 12:14 UTC": written at build time, in UTC, so the page reads the same everywhere. */
const when = (iso) => {
  const d = new Date(iso);
  const hm = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hm} UTC`;
};
/** The run a chart comes from: its date, the machine, the rounds. */
const runOf = (json, file) => {
  const env = json.environment ?? {};
  const machine = [
    env.cpus != null && `${env.cpus} CPUs`,
    env.cpuModel && env.cpuModel.trim(),
    Array.isArray(env.load) && `load ${env.load.map((l) => l.toFixed(2)).join(' / ')} (1, 5, 15 min)`,
    env.chromium,
    env.node && `Node ${env.node}`,
  ].filter(Boolean);
  return {
    file: `bench/${file}.json`,
    date: json.date,
    when: json.date ? when(json.date) : 'date not recorded',
    machine: machine.join(', '),
    rounds: json.rounds ?? env.rounds,
  };
};
const ratio = (a, b) => (typeof a === 'number' && typeof b === 'number' && b !== 0 ? a / b : undefined);
const x = (r, what) => (r === undefined ? undefined : `${r.toFixed(2)}× ${what}`);
const PEERS = [
  ['ours', 'ours'],
  ['sdk1', 'SDK 1.x'],
  ['sdk2', 'client 2.x'],
];

function mainCharts(json, run) {
  const m = json.medians ?? {};
  const raw = json.raw ?? {};
  const peers = PEERS.filter(([k]) => m[k]);
  const peerName = (k, fallback) => json.peers?.[k] ?? fallback;
  const perPeer = (metric, notes) =>
    peers.map(([k, label]) => ({
      label,
      series: k,
      value: m[k][metric],
      range: range(raw[k]?.[metric]),
      note: k === 'ours' ? notes?.(m, metric) : undefined,
    }));
  const vsPeers = (metric) => (mm) =>
    [x(ratio(mm.ours?.[metric], mm.sdk1?.[metric]), 'SDK 1.x'), x(ratio(mm.ours?.[metric], mm.sdk2?.[metric]), '2.x')]
      .filter(Boolean)
      .join(', ');
  const charts = [];
  charts.push({
    id: 'connect',
    title: 'Connect → tools listed',
    unit: 'ms',
    better: 'lower',
    runs: [run],
    groups: [
      {
        label: 'cold (a fresh page)',
        bars: [
          ...perPeer('coldMs', vsPeers('coldMs')),
          ...(json.declaredColdMs != null
            ? [
                {
                  label: 'ours, era declared',
                  series: 'ours',
                  value: json.declaredColdMs,
                  range: range(raw.oursDeclared?.coldMs),
                  note: x(ratio(json.declaredColdMs, m.sdk1?.coldMs), 'SDK 1.x'),
                },
              ]
            : []),
        ],
      },
      { label: 'warm (a second connect)', bars: perPeer('warmMs', vsPeers('warmMs')) },
    ],
  });
  charts.push({
    id: 'calls',
    title: 'Sequential calls per second',
    unit: 'calls/s',
    better: 'higher',
    digits: 0,
    runs: [run],
    groups: [
      { label: '200 echo calls, one after another', bars: perPeer('seqCallsPerSec', vsPeers('seqCallsPerSec')) },
    ],
  });
  charts.push({
    id: 'concurrent',
    title: '50 concurrent calls',
    unit: 'ms',
    better: 'lower',
    runs: [run],
    groups: [{ label: 'all 50 answered', bars: perPeer('concurrent50Ms', vsPeers('concurrent50Ms')) }],
  });
  charts.push({
    id: 'progress-rate',
    title: '10,000 progress notifications: throughput',
    unit: 'messages/s',
    better: 'higher',
    digits: 0,
    runs: [run],
    groups: [
      {
        label: 'one call streaming 10,000 notifications',
        bars: perPeer('progressMsgsPerSec', vsPeers('progressMsgsPerSec')),
      },
    ],
  });
  charts.push({
    id: 'progress-main',
    title: '10,000 progress notifications: main-thread time',
    unit: 'ms',
    better: 'lower',
    digits: 0,
    runs: [run],
    groups: [
      {
        label: 'renderer main-thread task time',
        bars: perPeer('progressMainThreadMs', vsPeers('progressMainThreadMs')),
      },
    ],
  });
  const s = json.sizes ?? {};
  const kb = (b) => (b == null ? undefined : b / 1000);
  charts.push({
    id: 'bundles',
    title: 'Bundle size, gzip -9',
    unit: 'kB',
    better: 'lower',
    runs: [{ ...run, rounds: undefined }],
    groups: [
      {
        label: 'the client (headless)',
        bars: [
          { label: 'ours', series: 'ours', value: kb(s.ours?.gzip), note: 'dist/client.js + its static chunk' },
          s.oursWithLazyChunks && {
            label: 'ours + auth chunk',
            series: 'ours',
            value: kb(s.oursWithLazyChunks.gzip),
            note: 'with what it loads on first sign-in',
          },
          { label: 'SDK 1.x', series: 'sdk1', value: kb(s.sdk1?.gzip), note: peerName('sdk1') },
          { label: 'client 2.x', series: 'sdk2', value: kb(s.sdk2?.gzip), note: peerName('sdk2') },
        ].filter((b) => b && b.value != null),
      },
      ...(s.widget
        ? [
            {
              label: 'the widget',
              bars: [
                {
                  label: 'every element',
                  series: 'ours',
                  value: kb(s.widget.gzip),
                  note: 'dist/mcp-web-components.js + chunks',
                },
              ],
            },
          ]
        : []),
    ],
  });
  const w = json.widgets ?? {};
  const wbar = (label, key, note) => ({ label, series: 'ours', value: w[key], range: range(w.raw?.[key]), note });
  charts.push({
    id: 'rendering',
    title: 'The elements rendering',
    unit: 'ms',
    better: 'lower',
    runs: [run],
    groups: [
      {
        label: '1,000 tools',
        bars: [
          wbar('<mcp-tool-list>: set → painted', 'render1000Tools'),
          wbar('search → 111 shown', 'searchFilter1000'),
          wbar('clear search → 1,000 again', 'searchClear1000'),
          wbar('<mcp-client>: added → all shown', 'client1000Tools', 'includes connecting'),
        ].filter((b) => b.value != null),
      },
      {
        label: 'a 300-field schema, every control kind',
        bars: [wbar('<mcp-schema-form>', 'schemaForm300'), wbar('<mcp-tool-form>', 'toolForm300')].filter(
          (b) => b.value != null,
        ),
      },
    ],
  });
  const heap = json.heap ?? {};
  if (peers.every(([k]) => heap[k]))
    charts.push({
      id: 'heap',
      title: 'Heap growth over the second 5,000 of 10,000 calls',
      unit: 'kB',
      better: 'lower',
      digits: 0,
      runs: [{ ...run, rounds: undefined }],
      groups: [
        {
          label: 'after a forced GC, halfway and at the end',
          bars: peers.map(([k, label]) => ({
            label,
            series: k,
            value: (heap[k].endBytes - heap[k].midBytes) / 1000,
          })),
        },
      ],
    });
  return charts;
}

function firstScreenCharts(json, run) {
  const m = json.medians ?? {};
  const raw = json.raw ?? {};
  const bar = (label, key, series, note) => ({ label, series, value: m[key], range: range(raw[key]), note });
  const none = (key) => (m[key] === 0 ? 'no task of 50 ms or more' : undefined);
  const toFloor = (key, floor) => x(ratio(m[key], m[floor]), 'the floor');
  const charts = [
    {
      id: 'first-screen',
      title: 'Page load → tools on screen',
      unit: 'ms',
      better: 'lower',
      runs: [run],
      groups: [
        {
          label: '1,000 tools',
          bars: [
            bar('floor: bare fetch + <ul>', 'floor1000', 'floor'),
            bar('<mcp-client>: first screen', 'first1000', 'ours', toFloor('first1000', 'floor1000')),
            bar('<mcp-client>: last title', 'widget1000', 'ours', toFloor('widget1000', 'floor1000')),
            bar('era declared: first screen', 'firstDeclared1000', 'ours', toFloor('firstDeclared1000', 'floor1000')),
          ].filter((b) => b.value != null),
          lines:
            m.floor1000 != null
              ? [
                  { value: m.floor1000 * 2, label: 'first screen target 2×' },
                  { value: m.floor1000 * 2.5, label: 'last title target 2.5×' },
                ]
              : [],
        },
        {
          label: '10,000 tools',
          bars: [
            bar('floor: bare fetch + <ul>', 'floor10000', 'floor', x(ratio(m.floor10000, m.floor1000), '1,000')),
            bar('<mcp-client>: first screen', 'first10000', 'ours', x(ratio(m.first10000, m.first1000), '1,000')),
            bar('<mcp-client>: last title', 'widget10000', 'ours', toFloor('widget10000', 'floor10000')),
          ],
          lines: m.first1000 != null ? [{ value: m.first1000 * 1.2, label: 'target 1.2× 1,000' }] : [],
        },
      ].map((g) => ({ ...g, bars: g.bars.filter((b) => b.value != null) })),
    },
    {
      id: 'first-screen-after',
      title: 'After the first screen',
      unit: 'ms',
      better: 'lower',
      runs: [run],
      groups: [
        {
          label: 'in the 10,000-tool list',
          bars: [
            {
              ...bar('click a 300-field tool → its last field', 'click300', m.click300 > 100 ? 'over' : 'ours'),
              target: 100,
              note: 'target 100 ms',
            },
            bar(
              'a keystroke in search → its matches',
              'search10000',
              'ours',
              `slowest ${Math.round(m.search10000Slowest)} ms`,
            ),
          ].filter((b) => b.value != null),
        },
        {
          label: 'longest task',
          bars: [
            bar('loading 1,000 tools', 'longest1000', 'ours', none('longest1000')),
            bar('loading 10,000 tools', 'longest10000', 'ours', none('longest10000')),
            bar('the 300-field click', 'click300Longest', 'ours', none('click300Longest')),
          ].filter((b) => b.value != null),
        },
      ],
    },
  ];
  const sizes = json.sizes ?? [];
  if (sizes.length)
    charts.push({
      id: 'budgets',
      title: 'Bundle sizes against their budgets, gzip -9',
      unit: 'kB',
      better: 'lower',
      runs: [{ ...run, rounds: undefined }],
      groups: sizes.map((s) => ({
        label: s.file,
        bars: [
          {
            label: 'loaded at once',
            series: s.size > s.budget ? 'over' : 'ours',
            value: s.size / 1000,
            note: `${((s.size / s.budget) * 100).toFixed(1)}% of ${(s.budget / 1000).toFixed(0)} kB`,
          },
          ...(s.later != null
            ? [{ label: 'loaded on first use', series: 'later', value: s.later / 1000, note: 'lazy chunks' }]
            : []),
        ],
        lines: [{ value: s.budget / 1000, label: 'budget' }],
      })),
    });
  return charts;
}

function bigInputsCharts(json, run) {
  const m = json.medians ?? {};
  const slow = json.slowest ?? {};
  const raw = json.raw ?? {};
  const cases = [
    ['text10mb', 'a 10 MB text result'],
    ['text10mbFloor', 'the same, read by bare fetch (floor)'],
    ['log100k', '100,000 log lines'],
    ['schema2000', 'a 2,000-field schema'],
    ['schema2000.typing', 'three edits of its JSON'],
    ['regexbomb', 'Run on the regex bombs'],
  ];
  const key = (c, what) =>
    c.endsWith('.typing') ? `${c.replace('.typing', '')}.typing${what}` : `${c}.${what.toLowerCase()}`;
  return [
    {
      id: 'big-inputs',
      title: 'Big inputs: the longest task',
      unit: 'ms',
      better: 'lower',
      digits: 0,
      runs: [run],
      groups: [
        {
          label: 'the median round',
          bars: cases
            .map(([c, label]) => {
              const k = key(c, 'Longest');
              const shown = key(c, 'Ms');
              return {
                label,
                series: c.endsWith('Floor') ? 'floor' : m[k] > 200 ? 'over' : 'ours',
                value: m[k],
                range: range(raw[k]),
                note: [
                  m[k] === 0 ? 'no task of 50 ms or more' : `slowest round ${Math.round(slow[k] ?? m[k])} ms`,
                  m[shown] != null && `done in ${Math.round(m[shown]).toLocaleString('en-US')} ms`,
                ]
                  .filter(Boolean)
                  .join('; '),
              };
            })
            .filter((b) => b.value != null),
          lines: [{ value: 200, label: 'target 200 ms' }],
        },
      ],
    },
  ];
}

function lowCodeCharts(json, run) {
  const m = json.medians ?? {};
  const raw = json.raw ?? {};
  const req = json.requests ?? {};
  const total = (r) => Object.values(r ?? {}).reduce((a, n) => a + n, 0);
  const methods = [...new Set([...Object.keys(req.one ?? {}), ...Object.keys(req.ten ?? {})])];
  return [
    {
      id: 'low-code',
      title: 'A low-code page: one form against ten',
      unit: 'ms',
      better: 'lower',
      runs: [run],
      groups: [
        {
          label: 'page load → every Run button, one server of 1,000 tools',
          bars: [
            {
              label: 'one <mcp-tool-form>',
              series: 'ours',
              value: m.one,
              range: range(raw.one),
              note: `${total(req.one)} requests`,
            },
            {
              label: 'ten <mcp-tool-form>',
              series: 'ours',
              value: m.ten,
              range: range(raw.ten),
              note: [x(ratio(m.ten, m.one), 'one form'), `${total(req.ten)} requests`].join(', '),
            },
          ].filter((b) => b.value != null),
          lines: m.one != null ? [{ value: m.one * 1.1, label: 'target 1.1× one' }] : [],
        },
      ],
      table: {
        caption: 'Requests the server received per load',
        head: ['request', 'one form', 'ten forms'],
        rows: methods.map((k) => [k, String(req.one?.[k] ?? 0), String(req.ten?.[k] ?? 0)]),
      },
    },
  ];
}

/** Every comparison in one chart: ours over its reference (the floor, SDK 1.x, one form), against its target. */
function overview({ runs, values }) {
  const fs = values.firstScreen?.medians ?? {};
  const main = values.main?.medians ?? {};
  const sizes = readJson(FILES.main)?.sizes ?? {};
  const lc = values.lowCode?.medians ?? {};
  const vsSdk1 = (metric) => ratio(main.ours?.[metric], main.sdk1?.[metric]);
  const bars = [
    ['1,000 tools on screen ÷ the floor', ratio(fs.widget1000, fs.floor1000), 2.5, 'firstScreen'],
    ['10,000 tools, first screen ÷ 1,000', ratio(fs.first10000, fs.first1000), 1.2, 'firstScreen'],
    ['cold connect ÷ SDK 1.x', vsSdk1('coldMs'), 1.0, 'main'],
    ['warm connect ÷ SDK 1.x', vsSdk1('warmMs'), undefined, 'main'],
    [
      'time per sequential call ÷ SDK 1.x',
      ratio(main.sdk1?.seqCallsPerSec, main.ours?.seqCallsPerSec),
      undefined,
      'main',
    ],
    ['50 concurrent calls ÷ SDK 1.x', vsSdk1('concurrent50Ms'), undefined, 'main'],
    ['progress, main-thread time ÷ SDK 1.x', vsSdk1('progressMainThreadMs'), undefined, 'main'],
    ['client bundle ÷ SDK 1.x', ratio(sizes.ours?.gzip, sizes.sdk1?.gzip), undefined, 'main'],
    ['ten forms ÷ one form', ratio(lc.ten, lc.one), 1.1, 'lowCode'],
  ]
    .filter(([, value]) => value !== undefined)
    .map(([label, value, target]) => ({
      label,
      series: target !== undefined && value > target ? 'over' : 'ours',
      value,
      target,
      note: target !== undefined ? `target ${target.toFixed(1)}×` : undefined,
    }));
  const used = [...new Set(['firstScreen', 'main', 'lowCode'].filter((p) => runs[p]))];
  return bars.length
    ? [
        {
          id: 'overview',
          title: 'At a glance: ours ÷ the reference',
          unit: '×',
          better: 'lower',
          digits: 2,
          runs: used.map((p) => runs[p]),
          groups: [
            { label: 'below 1 is faster or smaller than the reference', bars, lines: [{ value: 1, label: 'level' }] },
          ],
        },
      ]
    : [];
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HISTORY = 12; // runs in a run-by-run chart, the newest

/**
 * Every recorded run of a benchmark, oldest first: each version of bench/<name>.json in the git history, and the
 * file as it is now when that is newer. Empty without git or its history (a shallow clone: then no chart).
 */
function runsOf(name) {
  const file = `bench/${name}.json`;
  const git = (...args) =>
    execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  let versions = [];
  try {
    versions = git('log', '--format=%H', '--', file)
      .split('\n')
      .filter(Boolean)
      .map((hash) => JSON.parse(git('show', `${hash}:${file}`)));
  } catch {
    versions = [];
  }
  const now = readJson(name);
  if (now) versions.unshift(now);
  const seen = new Set();
  return versions
    .filter((v) => v?.date && !seen.has(v.date) && seen.add(v.date))
    .sort((a, b) => a.date.localeCompare(b.date))
    .slice(-HISTORY);
}

/** "3 Dec 12:14": a run's short name in a run-by-run chart. */
const short = (iso) => {
  const d = new Date(iso);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()].slice(0, 3)} ${d.getUTCFullYear()}, ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
};

/** The first screen's ratios run by run, from the git history of bench/first-screen.json. */
function firstScreenHistory() {
  const runs = runsOf(FILES.firstScreen);
  if (runs.length < 2) return [];
  const bars = (metric, target) =>
    runs
      .filter((r) => typeof r.ratios?.[metric] === 'number')
      .map((r) => ({
        label: short(r.date),
        series: r.ratios[metric] > target ? 'over' : 'ours',
        value: r.ratios[metric],
        note: [
          Array.isArray(r.environment?.load) && `load ${r.environment.load[0].toFixed(2)}`,
          r.rounds && `${r.rounds} rounds`,
        ]
          .filter(Boolean)
          .join(', '),
      }));
  const first = runs[0];
  const last = runs[runs.length - 1];
  return [
    {
      id: 'first-screen-history',
      title: 'The first screen, run by run',
      unit: '×',
      better: 'lower',
      digits: 2,
      runs: [
        {
          prefix: `${runs.length} runs from`,
          when: `${when(first.date)} to ${when(last.date)}`,
          machine: `${first.environment?.cpus ?? '?'} CPUs (each run's load, 1 min, in its note)`,
          file: 'bench/first-screen.json, its git history',
        },
      ],
      groups: [
        {
          label: 'all 1,000 tools on screen ÷ the floor',
          bars: bars('widget1000ToFloor', 2.5),
          lines: [{ value: 2.5, label: 'target 2.5×' }],
        },
        {
          label: '10,000 tools, first screen ÷ 1,000',
          bars: bars('first10000ToFirst1000', 1.2),
          lines: [{ value: 1.2, label: 'target 1.2×' }],
        },
      ].filter((g) => g.bars.length),
    },
  ];
}

export default {
  watch: Object.values(FILES).map((name) => `../bench/${name}.json`),
  load() {
    const out = { charts: {}, runs: {}, missing: [], values: {} };
    const makers = {
      main: mainCharts,
      firstScreen: firstScreenCharts,
      bigInputs: bigInputsCharts,
      lowCode: lowCodeCharts,
    };
    for (const [part, name] of Object.entries(FILES)) {
      const json = readJson(name);
      if (!json) {
        out.missing.push(`bench/${name}.json`);
        out.charts[part] = [];
        continue;
      }
      const run = runOf(json, name);
      out.runs[part] = run;
      out.charts[part] = makers[part](json, run).filter((c) => c.groups.some((g) => g.bars.length));
      // The medians and ratios themselves, for numbers quoted in the page's prose.
      out.values[part] = {
        medians: json.medians,
        ratios: json.ratios ?? (json.ratio != null ? { ratio: json.ratio } : undefined),
      };
    }
    out.charts.overview = overview(out);
    out.charts.history = firstScreenHistory();
    return out;
  },
};
