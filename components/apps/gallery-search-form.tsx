import Form from 'next/form';

interface GallerySearchFormProps {
  query: string;
  maxLength: number;
  labels: { label: string; hint: string; button: string };
}

/** A GET form: it works as a plain page load without JavaScript, and as a client navigation with it. */
export function GallerySearchForm({ query, maxLength, labels }: GallerySearchFormProps) {
  return (
    <Form action="/apps" role="search" aria-label={labels.label} className="max-w-xl">
      <label htmlFor="gallery-q" className="block font-semibold">
        {labels.label}
      </label>
      <p id="gallery-q-hint" className="text-sm text-slate-700">
        {labels.hint}
      </p>
      <div className="mt-1 flex gap-2">
        {/* Keyed by the query so "Clear search" empties the field after a client navigation too. */}
        <input
          key={query}
          id="gallery-q"
          name="q"
          type="search"
          defaultValue={query}
          maxLength={maxLength}
          autoComplete="off"
          enterKeyHint="search"
          aria-describedby="gallery-q-hint"
          className="field-input mt-0 min-h-11 min-w-0 flex-1"
        />
        <button type="submit" className="btn-primary shrink-0">
          {labels.button}
        </button>
      </div>
    </Form>
  );
}
