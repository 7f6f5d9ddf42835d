// A long opaque id shown by its type prefix and last characters (the whole id on hover and for copying).

export function ShortId({ id }: { id: string }) {
  const prefix = id.slice(0, id.indexOf('_') + 1);
  const short = id.length > 16 ? `${prefix}…${id.slice(-6)}` : id;
  return (
    <code class="po-nowrap" title={id} data-id={id}>
      {short}
    </code>
  );
}
