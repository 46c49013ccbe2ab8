/** Saves generated content as a file named after the document. */
export function slug(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  if (s.length <= 60) return s || 'document';
  // Cut at a word boundary so a long headline does not end mid-word.
  const cut = s.slice(0, 61).lastIndexOf('-');
  return s.slice(0, cut > 20 ? cut : 60);
}

export function download(name: string, content: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
