/**
 * The cross next to an address: a GET form that opens the confirmation page, with or without JavaScript. Its
 * accessible name says what it removes ("Remove alice@example.gov.uk").
 */
export function RemoveCross({ what, confirmPath }: { what: string; confirmPath: string }) {
  return (
    <form method="get" action={confirmPath}>
      <button
        type="submit"
        aria-label={`Remove ${what}`}
        title={`Remove ${what}`}
        className="hub-focus-text flex size-8 items-center justify-center rounded-full border-2 border-ink text-xl leading-none hover:bg-panel focus-visible:outline-3 focus-visible:outline-focus"
      >
        <span aria-hidden="true">×</span>
      </button>
    </form>
  );
}
