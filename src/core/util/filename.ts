// Safe names for files a server or a view hands the person: shared by <mcp-result-view>'s downloads and
// an MCP App's `ui/download-file`, so both keep the same rule.

/** File extensions kept on a download: data and media formats that no system runs or renders as a page. */
const SAFE_EXTENSIONS = new Set(
  'txt csv tsv json jsonl ndjson md log xml yaml yml png jpg jpeg gif webp avif bmp ico pdf wav mp3 ogg oga flac m4a aac opus mp4 m4v webm mov mkv zip gz tgz bz2 xz zst 7z tar bin dat parquet arrow sqlite db'.split(
    ' ',
  ),
);

/** A file name for saving a resource: the URI's last path segment with only harmless characters. */
export function safeFilename(uri: string, fallback = 'resource.bin'): string {
  let last = uri.split(/[?#]/)[0].split('/').filter(Boolean).pop() ?? '';
  try {
    last = decodeURIComponent(last);
  } catch {
    /* keep it encoded */
  }
  let name = last
    .replace(/[^\w.-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 100);
  // An extension the system might open as a program or a page (.exe, .html, .svg, .lnk, .js…) gets `.bin` after it.
  const ext = /\.([^.]+)$/.exec(name)?.[1].toLowerCase();
  if (ext && !SAFE_EXTENSIONS.has(ext)) name += '.bin';
  return name && !/^[a-z][\w+.-]*:$/i.test(last) ? name : fallback;
}
