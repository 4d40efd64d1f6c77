// Scheme allow-lists for URLs that come from servers (checklist CT-01, CT-04, SEC-*).

const MEDIA = /^(image\/(png|jpeg|jpg|gif|webp)|audio\/(mpeg|mp3|wav|x-wav|ogg|webm|aac|mp4|flac))$/i;
const ICON = /^image\/(png|jpeg|jpg|webp|svg\+xml)$/i;

/** The URL as a string if it is http(s), else undefined: links never run script or reach local files. */
export function safeLink(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** True for image and audio MIME types the elements will render from base64 data. */
export const isAllowedMedia = (mimeType: string | undefined) => !!mimeType && MEDIA.test(mimeType.trim());

/** A data: URL for allow-listed media, else undefined. */
export function mediaDataUrl(mimeType: string | undefined, base64: string | undefined): string | undefined {
  if (!isAllowedMedia(mimeType) || typeof base64 !== 'string' || !/^[A-Za-z0-9+/=\s]*$/.test(base64)) return undefined;
  return `data:${mimeType!.trim().toLowerCase()};base64,${base64.replace(/\s/g, '')}`;
}

/**
 * An icon src that is safe to put in <img>: a data: URL of an allowed image type, or an https URL
 * on the server's own origin (CT-04). <img> never runs SVG script, and crossorigin=anonymous plus
 * no-referrer keep credentials and the page address away from it.
 */
export function safeIconSrc(
  src: string | undefined,
  serverUrl: string | undefined,
  mimeType?: string,
): string | undefined {
  if (!src) return undefined;
  if (src.startsWith('data:')) {
    const type = /^data:([^;,]+)[;,]/.exec(src)?.[1];
    return type && ICON.test(type) ? src : undefined;
  }
  try {
    const u = new URL(src);
    if (mimeType && !ICON.test(mimeType)) return undefined;
    const server = serverUrl ? new URL(serverUrl) : undefined;
    const local = server && (server.hostname === '127.0.0.1' || server.hostname === 'localhost');
    if (u.protocol !== 'https:' && !(local && u.protocol === 'http:')) return undefined;
    return server && u.origin === server.origin ? u.href : undefined;
  } catch {
    return undefined;
  }
}
