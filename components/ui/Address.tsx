import { Fragment } from "react";

/**
 * An email address — or a short text with addresses in it — whose addresses wrap only after an "@" or a ".": never
 * mid-word as `break-all` did ("alice.adm|in@…"), nor at a hyphen. Each piece of an address is kept whole and a <wbr>
 * offers the break between pieces. Other words wrap as usual (a long request ID can still be broken where the container
 * allows it, with `wrap-anywhere`).
 */
export function Address({ children }: { children: string }) {
  return <span>{children.split(/(\s+)/).map((word, index) => (word.includes("@") ? <AddressWord key={index} word={word} /> : word))}</span>;
}

function AddressWord({ word }: { word: string }) {
  const pieces = word.match(/[^@.]*[@.]|[^@.]+/g) ?? [];
  return pieces.map((piece, index) => (
    <Fragment key={index}>
      {index > 0 ? <wbr /> : null}
      <span className="whitespace-nowrap">{piece}</span>
    </Fragment>
  ));
}
