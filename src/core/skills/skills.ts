// The host side of the Skills extension (SEP-2640, `io.modelcontextprotocol/skills`), in the shape of
// the official SDK's SkillsClient (list, get, read(skill, ref?), readDirectory), under McpClient's
// names: listSkills, getSkill, readSkillFile, readSkillDirectory. A lazy chunk: McpClient's skill
// methods load it on first use, so a page whose host never asks for skills does not carry it.
// Nothing is read ahead of need: a listing reads no file, and a file only when it is asked for.
import { McpError, McpSkillVerificationError, type SkillVerificationReason } from '../jsonrpc/errors.js';
import { isObject, type Params } from '../jsonrpc/messages.js';
import type { ReadResourceResult, Resource } from '../protocol/types.js';
import { SKILLS_EXTENSION } from '../protocol/versions.js';
import type { RequestOptions } from '../client/engine.js';
import type { ListOptions } from '../client/options.js';
import { ttlOf, type Lists } from '../client/lists.js';
import { frontmatterDifferences, parseSkillMarkdown } from './frontmatter.js';

/** Per-skill limits of SEP-2640: hosts must take skills up to these; this one refuses anything over them. */
export const SKILL_LIMITS = Object.freeze({ files: 512, bytes: 16_777_216 });

/** One file of a skill, with what verifies it. */
export interface SkillResourceEntry {
  uri: string;
  /** `sha256:` and 64 lowercase hex digits, over the file's raw bytes. */
  digest: string;
  /** The file's length in bytes. */
  size: number;
}
/** One skill, as `skills/list` and `skills/get` carry it. */
export interface Skill {
  /** The URI of the skill's SKILL.md. */
  uri: string;
  /** SKILL.md's frontmatter, verbatim, as JSON. */
  frontmatter: { name: string; description: string; [key: string]: unknown };
  /** Every file of the skill (SKILL.md included), or `"dynamic"` when the server cannot publish digests. */
  resources: SkillResourceEntry[] | 'dynamic';
  _meta?: Record<string, unknown>;
}
/** A skill file as read and verified by `readSkillFile`. */
export interface SkillFile {
  uri: string;
  mimeType?: string;
  /** Exactly the bytes the entry's digest covers. */
  bytes: Uint8Array;
  /** The bytes as text, when they are UTF-8 (always for SKILL.md). */
  text?: string;
  /** Size and digest were checked (false only for a `"dynamic"` skill, which has none). */
  verified: boolean;
  /** SKILL.md only: its parsed frontmatter, equal to the entry's. */
  frontmatter?: Record<string, unknown>;
  /** SKILL.md only: the markdown after the frontmatter. */
  body?: string;
}
/** A child of a directory resource (`resources/directory/read`); a subdirectory has `mimeType` `inode/directory`. */
export type DirectoryResource = Resource & { size?: number };

/** What the chunk needs of McpClient: a narrow view, so it imports no concrete client class. */
export interface SkillsHost {
  serverCapabilities: { extensions?: Record<string, unknown> };
  request(method: string, params: Params, options?: RequestOptions): Promise<Params>;
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;
/** Agent Skills naming: lowercase letters, digits and single hyphens, 1-64 characters. */
const NAME = /^(?!-)(?!.*--)[a-z0-9-]{1,64}(?<!-)$/;

/** Why an entry cannot be used, or undefined when it can (the SEP's shape, naming and limits). */
export function entryProblem(skill: unknown): string | undefined {
  if (!isObject(skill) || typeof skill.uri !== 'string') return 'no uri';
  const fm = skill.frontmatter;
  if (!isObject(fm) || typeof fm.name !== 'string' || typeof fm.description !== 'string')
    return 'frontmatter needs a name and a description';
  if (!NAME.test(fm.name) || !skill.uri.endsWith(`/${fm.name}/SKILL.md`))
    return 'the URI must end in /<name>/SKILL.md, with an Agent Skills name';
  const files = skill.resources;
  if (files === 'dynamic') return;
  if (!Array.isArray(files)) return 'resources must be a list or "dynamic"';
  if (files.length > SKILL_LIMITS.files) return `more than ${SKILL_LIMITS.files} files`;
  let total = 0;
  for (const f of files) {
    if (!isObject(f) || typeof f.uri !== 'string' || !DIGEST.test(String(f.digest)))
      return 'a file has no uri or digest';
    if (!Number.isSafeInteger(f.size) || (f.size as number) < 0) return 'a file has no size';
    total += f.size as number;
  }
  if (total > SKILL_LIMITS.bytes) return `more than ${SKILL_LIMITS.bytes} bytes`;
  if (!files.some((f) => (f as SkillResourceEntry).uri === skill.uri)) return 'SKILL.md is not among its files';
}

/** The skill's root: its SKILL.md URI without `/SKILL.md`. */
const rootOf = (skill: Skill) => skill.uri.slice(0, -'/SKILL.md'.length);

/**
 * The URI `ref` names in `skill` (SKILL.md when omitted): an absolute URI as is, a relative path
 * resolved against the skill's root, `.` and `..` segments resolved; a fragment is dropped.
 * Undefined when the path leaves the skill.
 */
export function resolveRef(skill: Skill, ref?: string): string | undefined {
  if (ref === undefined) return skill.uri;
  ref = ref.replace(/#.*$/, '');
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) return ref;
  const parts: string[] = [];
  for (const seg of ref.split('/')) {
    if (seg === '..') {
      if (!parts.pop()) return undefined;
    } else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.length ? `${rootOf(skill)}/${parts.join('/')}` : undefined;
}

/** The same URI however either side percent-encodes it. */
const same = (a: string, b: string) => {
  const norm = (u: string) => {
    try {
      return decodeURI(u);
    } catch {
      return u;
    }
  };
  return a === b || norm(a) === norm(b);
};

/** `sha256:` and the lowercase hex SHA-256 of `bytes`, by WebCrypto. */
export async function sha256(bytes: Uint8Array): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return 'sha256:' + Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Lists, gets and reads one server's skills; one per client, made on first use. */
export class Skills {
  constructor(
    private readonly host: SkillsHost,
    private readonly lists: Lists,
  ) {}

  /** The server declared the extension. */
  get supported(): boolean {
    return isObject(this.host.serverCapabilities.extensions?.[SKILLS_EXTENSION]);
  }

  /**
   * Every skill the server lists, every page walked (one page from `cursor`), kept for the listing's
   * `ttlMs`. An entry that breaks the SEP's rules or limits is left out: a host must not load it.
   * On a server without the extension, no request and an empty list.
   */
  async listSkills(options: ListOptions = {}): Promise<Skill[]> {
    if (!this.supported) return [];
    return ((await this.lists.all('skills/list', 'skills', options)) as unknown as Skill[]).filter(
      (s) => !entryProblem(s),
    );
  }

  /** One skill by its SKILL.md URI, listed or not; throws McpError for an entry that breaks the SEP's rules. */
  async getSkill(uri: string, options: RequestOptions = {}): Promise<Skill> {
    const { skill } = await this.cached('skills/get', { uri }, options);
    const problem = entryProblem(skill) ?? ((skill as Skill).uri === uri ? undefined : 'another skill was returned');
    if (problem) throw new McpError(`The server's entry for ${uri} cannot be used: ${problem}`);
    return skill as Skill;
  }

  /**
   * Reads one file of `skill` (SKILL.md when `ref` is omitted; else a path relative to the skill's
   * root or an absolute URI) and verifies it against the entry: listed, its size, its sha256 digest,
   * and for SKILL.md its frontmatter field by field. Throws McpSkillVerificationError on any mismatch,
   * never returning the content; an unlisted file is refused before any request.
   */
  async readSkillFile(skill: Skill, ref?: string, options: RequestOptions = {}): Promise<SkillFile> {
    const problem = entryProblem(skill);
    if (problem) throw new TypeError(`Not a usable skill entry: ${problem}`);
    const target = resolveRef(skill, ref) ?? `${rootOf(skill)}/${ref}`;
    const dynamic = skill.resources === 'dynamic';
    const entry = dynamic ? undefined : (skill.resources as SkillResourceEntry[]).find((f) => same(f.uri, target));
    if (!dynamic && !entry)
      throw new McpSkillVerificationError('unlisted', target, `${target} is not a file of ${skill.uri}`);
    const uri = entry?.uri ?? target;
    const params = { uri };
    // A kept copy that fails a check is dropped, so the next read asks the server again.
    const refuse = (reason: SkillVerificationReason, message: string, differences?: string[]): never => {
      this.lists.cache.delete('resources/read' + JSON.stringify(params));
      throw new McpSkillVerificationError(reason, uri, message, differences);
    };
    const result = (await this.cached('resources/read', params, options)) as unknown as ReadResourceResult;
    const content = (result.contents ?? []).find((c) => c.uri === uri) ?? result.contents?.[0];
    let bytes: Uint8Array;
    if (content && 'text' in content && typeof content.text === 'string')
      bytes = new TextEncoder().encode(content.text);
    else if (content && 'blob' in content && typeof content.blob === 'string')
      bytes = Uint8Array.from(atob(content.blob), (c) => c.charCodeAt(0));
    else return refuse('digest', `${uri} came back without content`);
    if (entry) {
      // A wrong length is a failure whether or not the digest is computed; it is checked first.
      if (bytes.length !== entry.size) refuse('size', `${uri} is ${bytes.length} bytes, not ${entry.size}`);
      if ((await sha256(bytes)) !== entry.digest) refuse('digest', `${uri} does not match its sha256 digest`);
    } else if (bytes.length > SKILL_LIMITS.bytes) refuse('size', `${uri} is over ${SKILL_LIMITS.bytes} bytes`);
    let text: string | undefined;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      text = undefined;
    }
    const file: SkillFile = { uri, mimeType: content.mimeType, bytes, text, verified: !!entry };
    if (same(uri, skill.uri)) {
      let parsed: ReturnType<typeof parseSkillMarkdown>;
      try {
        parsed = parseSkillMarkdown(text ?? '\uFFFD');
      } catch (e) {
        return refuse('frontmatter', `The frontmatter of ${uri} cannot be read: ${(e as Error).message}`);
      }
      const differences = frontmatterDifferences(parsed.frontmatter, skill.frontmatter);
      if (differences.length)
        refuse(
          'frontmatter',
          `The frontmatter of ${uri} differs from its entry: ${differences.join(', ')}`,
          differences,
        );
      file.frontmatter = parsed.frontmatter;
      file.body = parsed.body;
    }
    return file;
  }

  /**
   * The direct children of a directory resource, every page walked. Only on a server that declared
   * `directoryRead`; a listing here never extends a skill's entry (the entry says what may be read).
   */
  async readSkillDirectory(uri: string, options: RequestOptions = {}): Promise<DirectoryResource[]> {
    if ((this.host.serverCapabilities.extensions?.[SKILLS_EXTENSION] as Params | undefined)?.directoryRead !== true)
      throw new McpError('The server does not offer resources/directory/read');
    const out: DirectoryResource[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 1000; page++) {
      const result = await this.cached(
        'resources/directory/read',
        cursor === undefined ? { uri } : { uri, cursor },
        options,
      );
      if (Array.isArray(result.resources))
        out.push(...(result.resources as DirectoryResource[]).filter((r) => isObject(r) && typeof r.uri === 'string'));
      cursor = result.nextCursor as string | undefined;
      if (cursor === undefined) break;
    }
    return out;
  }

  /** A request whose result is kept for its `ttlMs` in the client's list cache (dropped on reconnect, U-22). */
  private async cached(method: string, params: Params, options: RequestOptions): Promise<Params> {
    const key = method + JSON.stringify(params);
    const hit = this.lists.cache.get(key);
    if (hit && Date.now() < hit.expires) return hit.value;
    const value = await this.host.request(method, params, options);
    const ttl = ttlOf(value.ttlMs);
    if (this.lists.caches() && ttl > 0) this.lists.cache.set(key, { expires: Date.now() + ttl, value });
    return value;
  }
}
