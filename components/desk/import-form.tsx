/** Upload (or paste) a members CSV; the next page is a dry run, nothing is imported yet. */
export function ImportForm({ newsletters = [] }: { newsletters?: { id: number; name: string }[] }) {
  return (
    <form method="post" action="/desk/members/import" encType="multipart/form-data" className="import-form" data-testid="import-form">
      <h2>Import members</h2>
      <p>
        Moving from another platform? Upload a CSV with an <code>email</code> column and, if you have them,{" "}
        <code>name</code> and <code>newsletter</code> (yes/no: whether they agreed to get the newsletter). Without a
        header row the columns are read in that order. You will see what would happen before anything is imported.
      </p>
      {newsletters.length > 0 && (
        <div className="field">
          <label htmlFor="import-newsletter">Newsletter for those who agreed</label>
          <select id="import-newsletter" name="newsletter" defaultValue={String(newsletters[0].id)}>
            {newsletters.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="import-file">CSV file</label>
        <input id="import-file" name="file" type="file" accept=".csv,text/csv" />
      </div>
      <div className="field">
        <label htmlFor="import-text">Or paste the CSV</label>
        <textarea id="import-text" name="csv" rows={4} placeholder={"email,name,newsletter\nann@example.com,Ann,yes"} />
      </div>
      <button type="submit">Check the file</button>
    </form>
  );
}
