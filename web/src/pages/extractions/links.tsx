// Links to pages of a mined website: opened in a new tab without access to this one, and only for http(s)
// addresses, since the values come from someone else's website.

export function isWebUrl(url: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

export function ExternalLink({ href, text, title }: { href: string; text?: string; title?: string }) {
  if (!isWebUrl(href)) return <span>{text ?? href}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" title={title}>
      {text ?? href}
    </a>
  );
}
