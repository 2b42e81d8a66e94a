type Props = { action: string; q: string; label: string; placeholder?: string; keep?: Record<string, string> };

/** A GET search box: works without JavaScript, and the URL can be shared. A new search keeps the list's other choices (`keep`). */
export function SearchForm({ action, q, label, placeholder, keep = {} }: Props) {
  return (
    <form role="search" method="get" action={action} className="desk-search">
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label htmlFor="desk-q">{label}</label>
      <input id="desk-q" name="q" type="search" defaultValue={q} placeholder={placeholder} maxLength={200} />
      <button type="submit" className="secondary">
        Search
      </button>
    </form>
  );
}
