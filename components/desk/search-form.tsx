type Props = { action: string; q: string; label: string; placeholder?: string };

/** A GET search box: works without JavaScript, and the URL can be shared. */
export function SearchForm({ action, q, label, placeholder }: Props) {
  return (
    <form role="search" method="get" action={action} className="desk-search">
      <label htmlFor="desk-q">{label}</label>
      <input id="desk-q" name="q" type="search" defaultValue={q} placeholder={placeholder} maxLength={200} />
      <button type="submit" className="secondary">
        Search
      </button>
    </form>
  );
}
