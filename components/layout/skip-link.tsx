export function SkipLink({ label }: { label: string }) {
  return (
    <a
      href="#main"
      className="focus-on-dark sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2"
    >
      {label}
    </a>
  );
}
