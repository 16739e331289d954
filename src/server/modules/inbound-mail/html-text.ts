// HTML mail as readable plain text: no tags, no script or style, blocks on their own lines, quotes
// marked with "> "; linear in the input, so hostile HTML cannot stall the parser.

// --- HTML as text ------------------------------------------------------------------------------------

const HIDDEN_ELEMENTS = new Set(['script', 'style', 'head', 'title', 'template', 'xml']);
const PARAGRAPH_ELEMENTS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'table',
  'pre',
  'hr',
]);
const LINE_ELEMENTS = new Set(
  'address article aside blockquote center dd div dl dt fieldset figcaption figure footer form header li main nav section tbody tfoot thead tr'.split(
    ' ',
  ),
);

const namedEntities: Record<string, string> = {
  ...{ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', shy: '', zwnj: '', zwj: '' },
  ...Object.fromEntries(
    'copy=© reg=® trade=™ hellip=… mdash=— ndash=– lsquo=‘ rsquo=’ sbquo=‚ ldquo=“ rdquo=” bdquo=„ laquo=« raquo=» bull=• middot=· euro=€ pound=£ yen=¥ cent=¢ sect=§ deg=° times=× divide=÷ iexcl=¡ iquest=¿ auml=ä ouml=ö uuml=ü Auml=Ä Ouml=Ö Uuml=Ü szlig=ß aacute=á agrave=à acirc=â eacute=é egrave=è ecirc=ê euml=ë iacute=í icirc=î iuml=ï oacute=ó ocirc=ô uacute=ú ugrave=ù ucirc=û ccedil=ç ntilde=ñ Eacute=É Ccedil=Ç Ntilde=Ñ'
      .split(' ')
      .map((pair) => pair.split('=')),
  ),
};
const ENTITIES_WITHOUT_SEMICOLON = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp']);

function decodeEntities(text: string): string {
  return text.replace(
    /&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31})(;?)/gi,
    (entity, name: string, semicolon) => {
      if (name.startsWith('#')) {
        const code =
          name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
        const isValid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
        return isValid ? String.fromCodePoint(code) : '\ufffd';
      }
      const decoded = namedEntities[name];
      if (decoded === undefined || (!semicolon && !ENTITIES_WITHOUT_SEMICOLON.has(name))) return entity;
      return decoded;
    },
  );
}

/** Collects text: block ends owe newlines, paid before the next text; quoted lines get "> " prefixes. */
class TextWriter {
  readonly parts: string[] = [];
  quoteDepth = 0;
  private owedNewlines = 0;
  private lastChar = '\n';

  /** At least `count` line ends before the next text (block elements). */
  endBlock(count: number) {
    this.owedNewlines = Math.max(this.owedNewlines, count);
  }

  /** One more line end (<br>). */
  breakLine() {
    this.owedNewlines += 1;
  }

  write(text: string) {
    if (!text) return;
    const isLineStart = this.owedNewlines > 0 || this.lastChar === '\n';
    if (isLineStart || this.lastChar === ' ') text = text.replace(/^ +/, '');
    if (!text) return;
    if (this.owedNewlines > 0 && this.parts.length) this.parts.push('\n'.repeat(this.owedNewlines));
    this.owedNewlines = 0;
    const prefix = '> '.repeat(this.quoteDepth);
    const lines = text.split('\n');
    const atStart = this.parts.length === 0 || this.parts.at(-1)!.endsWith('\n');
    this.parts.push(lines.map((line, index) => (index > 0 || atStart ? prefix + line : line)).join('\n'));
    this.lastChar = text.at(-1)!;
  }
}

/** Readable text from an HTML body: no tags, nothing of script or style, blocks on lines, quotes as "> ". */
export function htmlToText(html: string): string {
  const writer = new TextWriter();
  const links: Array<{ href: string; from: number }> = [];
  const absentCloseTags = new Set<string>();
  let preDepth = 0;
  const writeText = (raw: string) => {
    const decoded = decodeEntities(raw.replace(/[\r\n]+/g, preDepth ? '\n' : ' ')).replace(/\u00a0/g, ' ');
    writer.write(preDepth ? decoded : decoded.replace(/[ \t\f\n]+/g, ' '));
  };
  const tagName = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/y;

  let at = 0;
  while (at < html.length) {
    const open = html.indexOf('<', at);
    if (open < 0) {
      writeText(html.slice(at));
      break;
    }
    writeText(html.slice(at, open));
    if (html.startsWith('<!--', open)) {
      const end = html.indexOf('-->', open + 4);
      at = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html[open + 1] === '!' || html[open + 1] === '?') {
      const end = html.indexOf('>', open);
      at = end < 0 ? html.length : end + 1;
      continue;
    }
    tagName.lastIndex = open;
    const match = tagName.exec(html);
    if (!match) {
      writeText('<');
      at = open + 1;
      continue;
    }
    const end = tagEnd(html, tagName.lastIndex);
    if (end < 0) {
      // A "<" that never closes was text ("Press <Ctrl and click").
      writeText(html.slice(open));
      break;
    }
    const isClosing = match[1] === '/';
    const name = match[2]!.toLowerCase();
    const tag = html.slice(open, end + 1);
    at = end + 1;

    if (!isClosing && HIDDEN_ELEMENTS.has(name) && !tag.endsWith('/>')) {
      const close = absentCloseTags.has(name) ? null : new RegExp(`</${name}\\s*>`, 'gi');
      if (close) close.lastIndex = at;
      const found = close?.exec(html);
      if (found) {
        at = found.index + found[0].length;
      } else {
        absentCloseTags.add(name);
        // An unclosed script or style hides the rest; an unclosed head or title hides nothing.
        if (name === 'script' || name === 'style') break;
      }
      continue;
    }
    if (name === 'br') writer.breakLine();
    else if (PARAGRAPH_ELEMENTS.has(name)) writer.endBlock(2);
    else if (LINE_ELEMENTS.has(name)) writer.endBlock(1);
    if (name === 'pre') preDepth = Math.max(0, preDepth + (isClosing ? -1 : 1));
    if (name === 'blockquote') writer.quoteDepth = Math.max(0, writer.quoteDepth + (isClosing ? -1 : 1));
    if (name === 'li' && !isClosing) writer.write('- ');
    if ((name === 'td' || name === 'th') && !isClosing) writer.write(' ');
    if (name === 'a' && !isClosing) {
      const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
      links.push({
        href: decodeEntities(href?.[1] ?? href?.[2] ?? href?.[3] ?? '').trim(),
        from: writer.parts.length,
      });
    }
    if (name === 'a' && isClosing) {
      const link = links.pop();
      // Only short labels are read back: a long run of unclosed links must not make this quadratic.
      const isShort = link !== undefined && writer.parts.length - link.from <= 20;
      const label = link && isShort ? writer.parts.slice(link.from).join('').trim() : '';
      if (
        link &&
        isShort &&
        /^https?:\/\//i.test(link.href) &&
        !label.includes(link.href.replace(/^https?:\/\//i, '').replace(/\/$/, ''))
      ) {
        writer.write(` (${link.href})`);
      }
    }
  }

  return writer.parts
    .join('')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The index of the `>` that ends a tag, skipping quoted attribute values; -1 when the tag never ends. */
function tagEnd(html: string, from: number): number {
  let quote: string | null = null;
  let previous = '';
  for (let at = from; at < html.length; at++) {
    const char = html[at]!;
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === '>') {
      return at;
    } else if ((char === '"' || char === "'") && previous === '=') {
      quote = char;
    }
    if (char !== ' ' && char !== '\t' && char !== '\n' && char !== '\r') previous = char;
  }
  return -1;
}
